package io.newsflow.ingest.fetch;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.feed.ParsedFeed;
import java.time.Duration;

/**
 * What polling needs from the fetching and parsing layer: a feed (conditional GET, parsed) and a page. Neither
 * throws for anything a remote server does: failures come back as values with a reason. {@code poll.SafeFetching} is
 * the real one; unit tests use a fake.
 */
public interface Fetching extends AutoCloseable {

    FeedResponse fetchFeed(FeedSpec feed, Validators validators);

    PageResponse fetchPage(FeedSpec feed, String url);

    sealed interface FeedResponse {}

    /** A new version of the feed. {@code bytes} is what was read from the wire, for metrics. */
    record FeedFetched(ParsedFeed feed, Validators validators, long bytes) implements FeedResponse {}

    /** 304: nothing changed since the validators were issued. */
    record FeedNotModified() implements FeedResponse {}

    /**
     * The feed could not be fetched or parsed; {@code reason} is a short code (TIMEOUT, TOO_LARGE, ...);
     * {@code retryAfter} is how long the server asked us to wait (a 429 or 503 with Retry-After), or null.
     */
    record FeedFailed(String reason, String detail, Duration retryAfter) implements FeedResponse {
        public FeedFailed(String reason, String detail) {
            this(reason, detail, null);
        }
    }

    sealed interface PageResponse {}

    record PageFetched(String finalUrl, int status, String contentType, String charset, byte[] body)
            implements PageResponse {}

    record PageFailed(String reason, String detail) implements PageResponse {}

    @Override
    default void close() {}
}
