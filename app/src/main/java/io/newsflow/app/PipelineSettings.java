package io.newsflow.app;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.InvalidConfigException;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.ingest.config.FeedCatalog;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.schemas.Topics;
import io.newsflow.sink.SinkSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every section of the configuration bound at once, so that check-config and the services see the same problems.
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
    static Optional<PipelineSettings> forService(String service, ConfigOption config, CommandSpec spec) {
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

    /** The feed sources besides the file itself: OPML files and the drop folder. */
    FeedCatalog feedSources() {
        return new FeedCatalog(ingest, configFile, env);
    }
}
