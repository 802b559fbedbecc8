package io.newsflow.ingest.poll;

import io.newsflow.ingest.config.FeedSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What polling needs from the fetching and parsing layer: a feed (conditional GET, parsed) and a page. Neither
 * throws for anything a remote server does: failures come back as values with a reason.
 */
public interface Fetching {

    FeedResponse fetchFeed(FeedSpec feed, Validators validators);

    PageResponse fetchPage(FeedSpec feed, String url);

    sealed interface FeedResponse {}

    /** A new version of the feed. {@code bytes} is what was read from the wire, for metrics. */
    record FeedFetched(FeedDocument document, Validators validators, long bytes) implements FeedResponse {}

    /** 304: nothing changed since the validators were issued. */
    record FeedNotModified() implements FeedResponse {}

    /** The feed could not be fetched or parsed; {@code reason} is a short code (TIMEOUT, TOO_LARGE, ...). */
    record FeedFailed(String reason, String detail) implements FeedResponse {}

    sealed interface PageResponse {}

    record PageFetched(String finalUrl, int status, String contentType, String charset, byte[] body)
            implements PageResponse {}

    record PageFailed(String reason, String detail) implements PageResponse {}

    /**
     * A parsed feed.
     *
     * @param declaredTtl how often the feed says it changes (RSS ttl, sy:updatePeriod/Frequency), or null
     * @param language the feed's declared language, or null
     */
    record FeedDocument(List<FeedEntry> entries, Duration declaredTtl, String language) {
        public FeedDocument {
            entries = List.copyOf(entries);
        }
    }

    /** One item of a feed; every field may be null except categories. */
    record FeedEntry(
            String guid,
            String link,
            String title,
            String author,
            Instant publishedAt,
            Instant updatedAt,
            String summary,
            String content,
            List<String> categories) {
        public FeedEntry {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }
}
