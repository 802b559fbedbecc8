package io.newsflow.ingest.poll;

import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.fetch.Validators;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.fetch.Fetching.FeedFailed;
import io.newsflow.ingest.fetch.Fetching.FeedFetched;
import io.newsflow.ingest.fetch.Fetching.FeedNotModified;
import io.newsflow.ingest.fetch.Fetching.FeedResponse;
import io.newsflow.ingest.publish.ItemCounts;
import io.newsflow.ingest.publish.ItemPipeline;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One poll of one feed: a conditional GET, then its items through the pipeline. */
public final class FeedPoller {
    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    private final Fetching fetching;
    private final ItemPipeline pipeline;
    private final IngestMetrics metrics;

    public FeedPoller(Fetching fetching, ItemPipeline pipeline, IngestMetrics metrics) {
        this.fetching = fetching;
        this.pipeline = pipeline;
        this.metrics = metrics;
    }

    public PollOutcome poll(FeedSpec feed, Validators validators, Duration knownTtl) throws InterruptedException {
        long started = System.nanoTime();
        FeedResponse response;
        try {
            response = fetching.fetchFeed(feed, validators);
        } catch (RuntimeException e) {
            // A bug below must not end the feed's schedule: it is a failure like any other, and backs off.
            log.error("feed {}: fetching failed unexpectedly", feed.url(), e);
            response = new FeedFailed("INTERNAL_ERROR", e.toString());
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        return switch (response) {
            case FeedNotModified ignored -> {
                metrics.feedPolled("not_modified", null, latency);
                yield new PollOutcome(true, null, null, validators, knownTtl, ItemCounts.NONE);
            }
            case FeedFailed failed -> {
                metrics.feedPolled("failed", failed.reason(), latency);
                log.warn("feed {} failed: {} ({})", feed.url(), failed.reason(), failed.detail());
                yield PollOutcome.failure(failed.reason(), failed.detail(), validators, knownTtl, failed.retryAfter());
            }
            case FeedFetched fetched -> {
                metrics.feedPolled("fetched", null, latency);
                metrics.bytes("feed", fetched.bytes());
                ItemCounts counts = pipeline.process(feed, fetched.feed());
                yield new PollOutcome(false, null, null, fetched.validators(), fetched.feed().ttl().orElse(null), counts);
            }
        };
    }
}
