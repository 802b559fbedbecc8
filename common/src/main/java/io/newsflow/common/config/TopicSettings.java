package io.newsflow.common.config;

import io.newsflow.schemas.Topic;
import io.newsflow.schemas.Topics;
import java.util.HashSet;
import java.util.List;

/**
 * Binds {@code topics.raw}, {@code topics.clean}, {@code topics.deadLetter} and {@code topics.health} into the contract's typed
 * {@link Topics}; names are overridable so that several pipelines can share a cluster.
 */
public final class TopicSettings {
    public static final Setting<String> RAW = topic("raw", Topics.DEFAULT_RAW, "raw articles, as ingest found them");
    public static final Setting<String> CLEAN = topic("clean", Topics.DEFAULT_CLEAN,
            "cleaned, tagged articles: the public contract");
    public static final Setting<String> DEAD_LETTER = topic("deadLetter", Topics.DEFAULT_DEAD_LETTERS,
            "records a stage could not process, with the reason");
    public static final Setting<String> HEALTH = topic("health", Topics.DEFAULT_HEALTH,
            "source-health transitions, compacted, keyed by source ([docs/sources.md](sources.md))");
    public static final SettingsSection SECTION = SettingsSection.of("topics", RAW, CLEAN, DEAD_LETTER, HEALTH);

    private TopicSettings() {}

    /** A setting naming a Kafka topic; an illegal name is a problem. */
    public static Setting<String> topic(String key, String defaultName, String doc) {
        return Setting.string(key, defaultName, doc).check(Topic::isLegalName, "a legal topic name",
                name -> "'" + name + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
    }

    public static Topics from(ConfigNode root) {
        ConfigNode topics = SECTION.node(root);
        String raw = RAW.read(topics);
        String clean = CLEAN.read(topics);
        String deadLetter = DEAD_LETTER.read(topics);
        String health = HEALTH.read(topics);
        if (new HashSet<>(List.of(raw, clean, deadLetter, health)).size() < 4) {
            topics.problem("raw, clean, deadLetter and health must be four different topics");
            return Topics.defaults();
        }
        return Topics.named(raw, clean, deadLetter, health);
    }
}
