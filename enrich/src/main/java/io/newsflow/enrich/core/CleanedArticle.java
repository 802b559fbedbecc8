package io.newsflow.enrich.core;

import java.time.Instant;
import java.util.List;

/**
 * The cleaner's output: what the CleanArticle contract carries about content, without the feed bookkeeping the
 * Kafka layer copies over from the raw record.
 *
 * @param body title, lead and sections
 * @param byline the author line, or null
 * @param publishedAt when the page says it was published, else when the feed says so, or null
 * @param language ISO 639-1, or null when it could not be told
 * @param credit the credited agency ("AFP"), or null
 * @param statements attributed statements found in the body
 * @param spamRemoved lines taken out, each with the rule that took it
 * @param text lead and sections as plain text, headings included, blocks separated by blank lines
 * @param wordCount words in {@code text}
 * @param degraded the stages whose output this article lacks (they threw, ran out of time, or read a cut page), in
 *     the order they ran; empty when every stage ran in full
 */
public record CleanedArticle(
        ArticleBody body,
        String byline,
        Instant publishedAt,
        String language,
        String credit,
        List<Statement> statements,
        List<SpamRemoval> spamRemoved,
        String text,
        int wordCount,
        List<Degradation> degraded) {

    public CleanedArticle {
        statements = List.copyOf(statements);
        spamRemoved = List.copyOf(spamRemoved);
        degraded = List.copyOf(degraded);
    }

    public String title() {
        return body.title();
    }
}
