package io.newsflow.schemas;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.SourceHealth;
import java.util.HashSet;
import java.util.List;

/**
 * The typed registry of every topic in the contract. Names default to {@code articles.raw}, {@code articles.clean},
 * {@code articles.dlq} and {@code sources.health} (compacted, keyed by source); {@link #named} takes the names from
 * configuration.
 */
public record Topics(Topic<RawArticle> raw, Topic<CleanArticle> clean, Topic<DeadLetter> deadLetters,
        Topic<SourceHealth> health) {
    public static final String DEFAULT_RAW = "articles.raw";
    public static final String DEFAULT_CLEAN = "articles.clean";
    public static final String DEFAULT_DEAD_LETTERS = "articles.dlq";
    public static final String DEFAULT_HEALTH = "sources.health";

    public Topics {
        List<String> names = List.of(raw.name(), clean.name(), deadLetters.name(), health.name());
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("raw, clean, dead-letter and source-health topics must be four different"
                    + " topics, got " + names);
        }
    }

    public static Topics defaults() {
        return named(DEFAULT_RAW, DEFAULT_CLEAN, DEFAULT_DEAD_LETTERS, DEFAULT_HEALTH);
    }

    /** The three article topics by name, with the source-health topic's default name. */
    public static Topics named(String raw, String clean, String deadLetters) {
        return named(raw, clean, deadLetters, DEFAULT_HEALTH);
    }

    public static Topics named(String raw, String clean, String deadLetters, String health) {
        return new Topics(
                Topic.of(raw, RawArticle.class),
                Topic.of(clean, CleanArticle.class),
                Topic.of(deadLetters, DeadLetter.class),
                Topic.of(health, SourceHealth.class));
    }

    public List<Topic<?>> all() {
        return List.of(raw, clean, deadLetters, health);
    }
}
