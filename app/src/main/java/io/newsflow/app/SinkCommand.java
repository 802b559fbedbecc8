package io.newsflow.app;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.schemas.Topics;
import io.newsflow.common.service.ServiceRunner;
import io.newsflow.sink.SinkService;
import io.newsflow.sink.SinkSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsflow sink}: clean articles from Kafka into Elasticsearch until Ctrl-C. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Indexes articles.clean into Elasticsearch (alias 'articles'); per-item failures go to the"
                + " dead-letter topic; offsets are committed only for what Elasticsearch acknowledged."
                + " Ctrl-C flushes, commits what was acknowledged and stops.")
final class SinkCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        ConfigSource source = config.load();
        KafkaSettings kafka = KafkaSettings.from(source.root());
        RegistrySettings registry = RegistrySettings.from(source.root());
        Topics topics = TopicSettings.from(source.root());
        SinkSettings sink = SinkSettings.from(source.root());
        OpsSettings ops = OpsSettings.from(source.root(), "sink", 9403);
        source.throwIfInvalid();
        return ServiceRunner.run(List.of(new ServiceRunner.Definition("sink", ops,
                context -> SinkService.start(context, kafka, registry, topics, sink))));
    }
}
