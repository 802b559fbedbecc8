package io.newsflow.enrich.health;

import java.util.Objects;

/** One removed spam line kept as evidence: which article, which rule, the line. */
public record Sample(String articleId, String rule, String text) {
    public Sample {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(text, "text");
    }
}
