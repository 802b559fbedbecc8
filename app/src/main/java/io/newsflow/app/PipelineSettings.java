package io.newsflow.app;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.InvalidConfigException;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.common.service.ServiceRunner;
import io.newsflow.enrich.health.HealthSettings;
import io.newsflow.enrich.health.SourceHealthService;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.ingest.IngestService;
import io.newsflow.ingest.config.FeedCatalog;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.kafka.IngestKafka;
import io.newsflow.ingest.poll.SafeFetching;
import io.newsflow.schemas.Topics;
import io.newsflow.sink.runtime.SinkService;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.health.SourceHealthIndexSettings;
import io.newsflow.sink.health.SourceHealthIndexing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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
        HealthSettings sourceHealth,
        OpsSettings sinkOps,
        SinkSettings sink,
        SourceHealthIndexSettings sourceHealthIndex,
        String redrivenTopic,
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
                OpsSettings.from(root, "ingest"),
                IngestSettings.from(root, baseDir),
                OpsSettings.from(root, "enrich"),
                EnrichSettings.from(root),
                HealthSettings.from(root),
                OpsSettings.from(root, "sink"),
                SinkSettings.from(root),
                SourceHealthIndexSettings.from(root),
                redrivenTopic(root),
                configFile,
                env);
        source.reportUnknownKeys();
        return settings;
    }

    /** {@code dlq.redrivenTopic}: the compacted ledger of dead letters {@code newsflow dlq redrive} put back. */
    static final Setting<String> REDRIVEN_TOPIC = TopicSettings.topic("redrivenTopic", "newsflow.dlq.redriven",
            "compacted ledger of the dead letters `newsflow dlq redrive` put back ([docs/dlq.md](dlq.md))");
    static final SettingsSection DLQ = SettingsSection.of("dlq", REDRIVEN_TOPIC);
    static final String DEFAULT_REDRIVEN_TOPIC = REDRIVEN_TOPIC.defaultValue();

    private static String redrivenTopic(ConfigNode root) {
        return REDRIVEN_TOPIC.read(DLQ.node(root));
    }

    /**
     * Loads and binds the configuration of a command's {@code --config}. On problems, prints every one of them after
     * {@code prefix} ("sources: ") and returns empty: no command works from an invalid configuration.
     */
    static Optional<PipelineSettings> load(ConfigOption config, PrintWriter err, String prefix) {
        ConfigSource source = config.load();
        PipelineSettings settings = bind(source, config.file());
        if (!source.isValid()) {
            err.println(prefix + new InvalidConfigException(source.problems()).getMessage());
            return Optional.empty();
        }
        return Optional.of(settings);
    }

    /** {@link #load} for a service command: a service refuses to start on an invalid configuration. */
    private static Optional<PipelineSettings> forService(String service, ConfigOption config, CommandSpec spec) {
        return load(config, spec.commandLine().getErr(), service + ": not starting, ");
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

    /** Enrich, wired from these settings: the Kafka Streams app, raw to clean, and beside it source health. */
    ServiceRunner.Definition enrichService() {
        return new ServiceRunner.Definition("enrich", enrichOps, context -> {
            EnrichService service = EnrichService.start(enrich, kafka, registry, topics, context);
            return !sourceHealth.enabled() ? service : beside(service, () -> SourceHealthService.start(sourceHealth,
                    enrich.stateDir(), kafka, registry, topics, context));
        });
    }

    /** Sink, wired from these settings: clean articles into Elasticsearch, and beside them source health. */
    ServiceRunner.Definition sinkService() {
        return new ServiceRunner.Definition("sink", sinkOps, context -> {
            AutoCloseable articles = SinkService.start(context, kafka, registry, topics, sink);
            return !sourceHealthIndex.enabled() ? articles : beside(articles, () -> SourceHealthIndexing.start(context,
                    kafka, registry, topics, sink.elasticsearch(), sourceHealthIndex));
        });
    }

    /**
     * Starts {@code second} beside the running {@code first}; both close together, the second first. When the second
     * does not start, the first is closed too: a service never runs half started.
     */
    static AutoCloseable beside(AutoCloseable first, Callable<AutoCloseable> second) throws Exception {
        AutoCloseable started;
        try {
            started = second.call();
        } catch (Exception e) {
            try (first) {
                throw e;
            }
        }
        return () -> {
            try (first) {
                started.close();
            }
        };
    }

    /** The three services in pipeline order ({@code newsflow up}); closed in reverse: sink first, ingest last. */
    List<ServiceRunner.Definition> services() {
        return List.of(ingestService(), enrichService(), sinkService());
    }
}
