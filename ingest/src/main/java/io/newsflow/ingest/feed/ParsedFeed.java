package io.newsflow.ingest.feed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A feed parsed into the neutral model.
 *
 * @param format   what it was: {@code rss_0.9}, {@code rss_0.91N}, {@code rss_0.91U}, {@code rss_0.92} ...
 *                 {@code rss_1.0}, {@code rss_2.0}, {@code atom_0.3}, {@code atom_1.0}, {@code json_1.0},
 *                 {@code json_1.1}
 * @param ttl      how often the feed asks to be polled at most (RSS ttl, sy:updatePeriod/updateFrequency; the
 *                 longer when both are declared), empty when it declares nothing
 * @param encoding the character encoding the bytes were decoded with
 * @param warnings what was odd but recovered ("bozo" in feedparser's words): encoding overrides, repaired XML,
 *                 truncated fields, dropped items; empty for a clean feed
 */
public record ParsedFeed(
        String title,
        String link,
        Optional<Duration> ttl,
        List<FeedItem> items,
        String format,
        String encoding,
        List<String> warnings) {

    public ParsedFeed {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
    }

    /** True when something had to be recovered or cut (feedparser's "bozo"). */
    public boolean recovered() {
        return !warnings.isEmpty();
    }
}
