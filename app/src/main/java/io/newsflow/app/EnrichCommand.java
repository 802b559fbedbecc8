package io.newsflow.app;

import io.newsflow.common.service.ServiceRunner;
import io.newsflow.enrich.streams.EnrichService;
import java.util.List;
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
                + " to articles.dlq, until Ctrl-C (which closes Kafka Streams cleanly). Health and metrics on"
                + " ops.enrichPort (default 9402).")
public final class EnrichCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return PipelineSettings.forService("enrich", config, spec).map(settings -> ServiceRunner.run(List.of(
                new ServiceRunner.Definition("enrich", settings.enrichOps(), context -> EnrichService.start(
                        settings.enrich(), settings.kafka(), settings.registry(), settings.topics(), context)))))
                .orElse(1);
    }
}
