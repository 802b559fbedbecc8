package io.newsflow.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code newsflow sink}: clean articles from Kafka into Elasticsearch until Ctrl-C. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Indexes articles.clean into Elasticsearch (alias 'articles'); per-item failures go to the"
                + " dead-letter topic; offsets are committed only for what Elasticsearch acknowledged."
                + " Ctrl-C flushes, commits what was acknowledged and stops.")
final class SinkCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return PipelineSettings.runService("sink", config, spec, PipelineSettings::sinkService);
    }
}
