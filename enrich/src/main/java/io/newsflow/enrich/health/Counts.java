package io.newsflow.enrich.health;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one source over a stretch of time (one hour's bucket, or a window summed from buckets).
 *
 * @param articles articles seen
 * @param spamArticles articles with at least one spam line removed
 * @param spamLines spam lines removed
 * @param spamByRule those lines by rule id
 */
public record Counts(long articles, long spamArticles, long spamLines, Map<String, Long> spamByRule) {
    public static final Counts NONE = new Counts(0, 0, 0, Map.of());

    public Counts {
        spamByRule = Map.copyOf(spamByRule);
    }

    public Counts plus(Observation article) {
        Map<String, Long> rules = new TreeMap<>(spamByRule);
        article.spamByRule().forEach((rule, lines) -> rules.merge(rule, lines, Long::sum));
        return new Counts(articles + 1, spamArticles + (article.carriesSpam() ? 1 : 0),
                spamLines + article.spamLines(), rules);
    }

    public Counts plus(Counts other) {
        Map<String, Long> rules = new TreeMap<>(spamByRule);
        other.spamByRule.forEach((rule, lines) -> rules.merge(rule, lines, Long::sum));
        return new Counts(articles + other.articles, spamArticles + other.spamArticles, spamLines + other.spamLines,
                rules);
    }

    /** Share of articles that carried spam, 0 when none were seen. */
    public double spamShare() {
        return articles == 0 ? 0 : (double) spamArticles / articles;
    }
}
