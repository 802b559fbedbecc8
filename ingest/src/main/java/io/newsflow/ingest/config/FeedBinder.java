package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a {@code feeds:} list, the same in the main config file and in a {@code feeds.d/*.yml} file. An entry is
 * a bare URL or a section:
 *
 * <pre>
 * feeds:
 *   - https://example.org/rss
 *   - url: https://example.com/atom.xml
 *     name: Example
 *     pollInterval: 10m
 *     language: en
 *     tags: [world, politics]
 *     userAgent: "newsflow-special/1.0"
 *     allowPrivateAddress: false
 * </pre>
 */
public final class FeedBinder {
    static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);

    private FeedBinder() {}

    /** Every valid entry of {@code section.feeds}; invalid entries are reported on the node's source and skipped. */
    public static List<FeedSpec> bindList(ConfigNode section, boolean allowFileUrls) {
        List<FeedSpec> feeds = new ArrayList<>();
        for (ConfigNode entry : section.list("feeds")) {
            bind(entry, allowFileUrls).ifPresent(feeds::add);
        }
        return List.copyOf(feeds);
    }

    static Optional<FeedSpec> bind(ConfigNode entry, boolean allowFileUrls) {
        Optional<String> bare = entry.scalarValue();
        if (bare.isPresent()) {
            return checkedUrl(entry, bare.get(), allowFileUrls)
                    .map(url -> FeedSpec.ofUrl(url, entry.location()));
        }
        String url = entry.requiredString("url");
        String name = entry.optionalString("name").orElse(null);
        Duration interval = entry.duration("pollInterval", null);
        if (interval != null && interval.compareTo(MIN_POLL_INTERVAL) < 0) {
            entry.problem("pollInterval", interval + " is too short; the least is 1s");
            interval = null;
        }
        String language = entry.optionalString("language").orElse(null);
        if (language != null && !language.matches("[a-zA-Z]{2}")) {
            entry.problem("language", "'" + language + "' is not a two-letter ISO 639-1 code (en, fr, id)");
            language = null;
        }
        List<String> tags = entry.strings("tags", List.of());
        String userAgent = entry.optionalString("userAgent").orElse(null);
        boolean allowPrivate = entry.bool("allowPrivateAddress", false);
        if (url == null) {
            return Optional.empty();
        }
        String lowerLanguage = language == null ? null : language.toLowerCase(java.util.Locale.ROOT);
        Duration finalInterval = interval;
        return checkedUrl(entry, url, allowFileUrls).map(valid -> new FeedSpec(
                valid, name, finalInterval, lowerLanguage, tags, userAgent, allowPrivate, entry.location()));
    }

    private static Optional<String> checkedUrl(ConfigNode entry, String url, boolean allowFileUrls) {
        Optional<String> problem = FeedUrls.problemWith(url, allowFileUrls);
        if (problem.isPresent()) {
            if (entry.scalarValue().isPresent()) {
                entry.problem(problem.get());
            } else {
                entry.problem("url", problem.get());
            }
            return Optional.empty();
        }
        return Optional.of(url.trim());
    }
}
