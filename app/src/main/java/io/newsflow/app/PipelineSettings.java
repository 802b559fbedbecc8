package io.newsflow.app;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.InvalidConfigException;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.common.service.ServiceRunner;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.ingest.IngestService;
import io.newsflow.ingest.config.FeedCatalog;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.kafka.IngestKafka;
import io.newsflow.ingest.poll.SafeFetching;
import io.newsflow.schemas.Topics;
import io.newsflow.sink.SinkService;
import io.newsflow.sink.SinkSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every section of the configuration bound at once, so that check-config, the services and {@code up} see the same
 * settings and the same problems; and the one place each service is wired from them.
 */
record PipelineSettings(
        KafkaSettings kafka,
        RegistrySettings registry,
        Topics topics,
        OpsSettings ingestOps,
        IngestSettings ingest,
        OpsSettings enrichOps,
        EnrichSettings enrich,
        OpsSettings sinkOps,
        SinkSettings sink,
        Path configFile,
        Map<String, String> env) {

    static PipelineSettings bind(ConfigSource source, Path file) {
        return bind(source, file, System.getenv());
    }

    static PipelineSettings bind(ConfigSource source, Path file, Map<String, String> env) {
        var root = source.root();
        Path configFile = file != null && file.toFile().isFile() ? file.toAbsolutePath() : null;
        Path baseDir = configFile == null ? Path.of("").toAbsolutePath() : configFile.getParent();
        PipelineSettings settings = new PipelineSettings(
                KafkaSettings.from(root),
                RegistrySettings.from(root),
                TopicSettings.from(root),
                OpsSettings.from(root, "ingest", 9401),
                IngestSettings.from(root, baseDir),
                OpsSettings.from(root, "enrich", 9402),
                EnrichSettings.from(root),
                OpsSettings.from(root, "sink", 9403),
                SinkSettings.from(root),
                configFile,
                env);
        source.reportUnknownKeys();
        return settings;
    }

    /**
     * Loads and binds the configuration for a service command. On problems, prints every one of them and returns
     * empty: a service refuses to start on an invalid configuration.
     */
    private static Optional<PipelineSettings> forService(String service, ConfigOption config, CommandSpec spec) {
        ConfigSource source = config.load();
        PipelineSettings settings = bind(source, config.file());
        try {
            source.throwIfInvalid();
            return Optional.of(settings);
        } catch (InvalidConfigException e) {
            spec.commandLine().getErr().println(service + ": not starting, " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * What the {@code ingest}, {@code enrich} and {@code sink} commands do: runs the one service until Ctrl-C, or
     * returns exit code 1 when the configuration is invalid (its problems printed).
     */
    static int runService(String service, ConfigOption config, CommandSpec spec,
            Function<PipelineSettings, ServiceRunner.Definition> definition) {
        return forService(service, config, spec)
                .map(settings -> ServiceRunner.run(List.of(definition.apply(settings)))).orElse(1);
    }

    /** The feed sources besides the file itself: OPML files and the drop folder. */
    FeedCatalog feedSources() {
        return new FeedCatalog(ingest, configFile, env);
    }

    /** Ingest, wired from these settings: polls the feeds, publishes raw articles. */
    ServiceRunner.Definition ingestService() {
        return new ServiceRunner.Definition("ingest", ingestOps, context -> {
            IngestService service = IngestKafka.start(ingest, kafka, registry, topics, SafeFetching.create(ingest),
                    configFile, env, context.meters(), context::fail);
            context.health("ingest", service::health);
            return service;
        });
    }

    /** Enrich, wired from these settings: the Kafka Streams app, raw to clean. */
    ServiceRunner.Definition enrichService() {
        return new ServiceRunner.Definition("enrich", enrichOps,
                context -> EnrichService.start(enrich, kafka, registry, topics, context));
    }

    /** Sink, wired from these settings: clean articles into Elasticsearch. */
    ServiceRunner.Definition sinkService() {
        return new ServiceRunner.Definition("sink", sinkOps,
                context -> SinkService.start(context, kafka, registry, topics, sink));
    }

    /** The three services in pipeline order ({@code newsflow up}); closed in reverse: sink first, ingest last. */
    List<ServiceRunner.Definition> services() {
        return List.of(ingestService(), enrichService(), sinkService());
    }
}
