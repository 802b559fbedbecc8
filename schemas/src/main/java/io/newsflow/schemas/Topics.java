package io.newsflow.schemas;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.RawArticle;
import java.util.HashSet;
import java.util.List;

/**
 * The typed registry of every topic in the contract. Names default to {@code articles.raw}, {@code articles.clean}
 * and {@code articles.dlq}; {@link #named} takes the names from configuration.
 */
public record Topics(Topic<RawArticle> raw, Topic<CleanArticle> clean, Topic<DeadLetter> deadLetters) {
    public static final String DEFAULT_RAW = "articles.raw";
    public static final String DEFAULT_CLEAN = "articles.clean";
    public static final String DEFAULT_DEAD_LETTERS = "articles.dlq";

    public Topics {
        List<String> names = List.of(raw.name(), clean.name(), deadLetters.name());
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("raw, clean and dead-letter topics must be three different topics, got "
                    + names);
        }
    }

    public static Topics defaults() {
        return named(DEFAULT_RAW, DEFAULT_CLEAN, DEFAULT_DEAD_LETTERS);
    }

    public static Topics named(String raw, String clean, String deadLetters) {
        return new Topics(
                Topic.of(raw, RawArticle.class),
                Topic.of(clean, CleanArticle.class),
                Topic.of(deadLetters, DeadLetter.class));
    }

    public List<Topic<?>> all() {
        return List.of(raw, clean, deadLetters);
    }
}
