package io.newsflow.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code newsflow enrich}: the Kafka Streams enricher, articles.raw -> articles.clean, until Ctrl-C. */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description = "Runs the enricher: reads articles.raw, writes cleaned articles to articles.clean and failures"
                + " to articles.dlq, and beside it source health (articles.clean -> sources.health, docs/sources.md),"
                + " until Ctrl-C (which closes Kafka Streams cleanly). Health, metrics and GET /sources/<source> on"
                + " ops.enrichPort (default 9402).")
public final class EnrichCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return PipelineSettings.runService("enrich", config, spec, PipelineSettings::enrichService);
    }
}
