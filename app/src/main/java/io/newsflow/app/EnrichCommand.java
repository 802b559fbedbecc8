package io.newsflow.app;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.common.service.ServiceRunner;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.schemas.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newsflow enrich}: the Kafka Streams enricher, articles.raw -> articles.clean, until Ctrl-C. */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description = "Runs the enricher: reads articles.raw, writes cleaned articles to articles.clean and failures"
                + " to articles.dlq, until Ctrl-C (which closes Kafka Streams cleanly). Health and metrics on"
                + " ops.enrichPort (default 9402).")
public final class EnrichCommand implements Callable<Integer> {
    static final int DEFAULT_OPS_PORT = 9402;

    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() {
        ConfigSource source = config.load();
        KafkaSettings kafka = KafkaSettings.from(source.root());
        RegistrySettings registry = RegistrySettings.from(source.root());
        Topics topics = TopicSettings.from(source.root());
        EnrichSettings enrich = EnrichSettings.from(source.root());
        OpsSettings ops = OpsSettings.from(source.root(), "enrich", DEFAULT_OPS_PORT);
        source.throwIfInvalid();
        return ServiceRunner.run(List.of(new ServiceRunner.Definition("enrich", ops,
                context -> EnrichService.start(enrich, kafka, registry, topics, context))));
    }
}
