package io.newsflow.app;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.ingest.config.FeedCatalog;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.schemas.Topics;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every section of the configuration bound at once, so that check-config and the services see the same problems.
 * Add a section's binder here when its module has one.
 */
record PipelineSettings(
        KafkaSettings kafka,
        RegistrySettings registry,
        Topics topics,
        OpsSettings ingestOps,
        IngestSettings ingest,
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
                configFile,
                env);
        OpsSettings.from(root, "enrich", 9402);
        OpsSettings.from(root, "sink", 9403);
        source.reportUnknownKeys();
        return settings;
    }

    /** The feed sources besides the file itself: OPML files and the drop folder. */
    FeedCatalog feedSources() {
        return new FeedCatalog(ingest, configFile, env);
    }
}
