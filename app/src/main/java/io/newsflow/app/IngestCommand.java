package io.newsflow.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code newsflow ingest}: polls the configured feeds and publishes raw articles until Ctrl-C. */
@Command(name = "ingest", description = "Poll the configured feeds and publish raw articles to Kafka.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return PipelineSettings.runService("ingest", config, spec, PipelineSettings::ingestService);
    }
}
