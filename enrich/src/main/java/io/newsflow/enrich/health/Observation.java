package io.newsflow.enrich.health;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SpamRemoval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What source health needs of one clean article: whose it is, when it was seen and the spam lines removed from it
 * (rules of the {@code spam-*} family only; {@code boilerplate-*} is the site's own clutter, not a sign of a hack).
 *
 * @param source the key: the feed's configured name, or the site (URL host) when the feed has none
 * @param time event time, the article's fetch time in epoch milliseconds
 * @param spamByRule spam lines removed, by rule id; empty for a clean article
 * @param samples the first few removed spam lines
 */
public record Observation(String source, String site, String articleId, String url, long time,
        Map<String, Long> spamByRule, List<Sample> samples) {

    /** Rule ids of injected spam start with this; the rest (boilerplate-*) does not count. */
    public static final String SPAM_RULE_PREFIX = "spam-";

    public Observation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(url, "url");
        spamByRule = Map.copyOf(spamByRule);
        samples = List.copyOf(samples);
    }

    /** The source an article counts for: its feed's name when it has one, else its site. */
    public static String sourceOf(CleanArticle article) {
        String name = article.getFeedName();
        return name == null || name.isBlank() ? article.getSite() : name.strip();
    }

    /** Reads an article; at most {@code maxSamples} of its spam lines are kept as samples. */
    public static Observation of(CleanArticle article, int maxSamples) {
        Map<String, Long> byRule = new TreeMap<>();
        List<Sample> samples = new ArrayList<>();
        for (SpamRemoval removal : article.getSpamRemoved()) {
            if (!removal.getRule().startsWith(SPAM_RULE_PREFIX)) {
                continue;
            }
            byRule.merge(removal.getRule(), 1L, Long::sum);
            if (samples.size() < maxSamples) {
                samples.add(new Sample(article.getId(), removal.getRule(), removal.getText()));
            }
        }
        return new Observation(sourceOf(article), article.getSite(), article.getId(), article.getUrl(),
                article.getFetchedAt().toEpochMilli(), byRule, samples);
    }

    public boolean carriesSpam() {
        return !spamByRule.isEmpty();
    }

    public long spamLines() {
        return spamByRule.values().stream().mapToLong(Long::longValue).sum();
    }
}
