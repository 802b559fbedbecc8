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
    private TopicSettings() {}

    public static Topics from(ConfigNode root) {
        ConfigNode topics = root.section("topics");
        String raw = topicName(topics, "raw", Topics.DEFAULT_RAW);
        String clean = topicName(topics, "clean", Topics.DEFAULT_CLEAN);
        String deadLetter = topicName(topics, "deadLetter", Topics.DEFAULT_DEAD_LETTERS);
        String health = topicName(topics, "health", Topics.DEFAULT_HEALTH);
        if (new HashSet<>(List.of(raw, clean, deadLetter, health)).size() < 4) {
            topics.problem("raw, clean, deadLetter and health must be four different topics");
            return Topics.defaults();
        }
        return Topics.named(raw, clean, deadLetter, health);
    }

    private static String topicName(ConfigNode section, String key, String defaultName) {
        String name = section.string(key, defaultName);
        if (!Topic.isLegalName(name)) {
            section.problem(key, "'" + name + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
            return defaultName;
        }
        return name;
    }
}
