package io.newsflow.ingest.poll;

import io.newsflow.ingest.fetch.Validators;
import io.newsflow.ingest.publish.ItemCounts;
import java.time.Duration;

/**
 * How one poll of one feed ended.
 *
 * @param failureReason null when the poll succeeded (fetched or not modified)
 * @param validators what to send with the next conditional GET
 * @param declaredTtl the feed's own ttl, or null
 * @param retryAfter how long the server asked us to wait before the next poll (429/503 Retry-After), or null
 */
public record PollOutcome(
        boolean notModified, String failureReason, String failureDetail, Validators validators, Duration declaredTtl,
        ItemCounts items, Duration retryAfter) {

    public PollOutcome(boolean notModified, String failureReason, String failureDetail, Validators validators,
            Duration declaredTtl, ItemCounts items) {
        this(notModified, failureReason, failureDetail, validators, declaredTtl, items, null);
    }

    public boolean failed() {
        return failureReason != null;
    }

    static PollOutcome failure(String reason, String detail, Validators keep, Duration ttl) {
        return failure(reason, detail, keep, ttl, null);
    }

    static PollOutcome failure(String reason, String detail, Validators keep, Duration ttl, Duration retryAfter) {
        return new PollOutcome(false, reason, detail, keep, ttl, ItemCounts.NONE, retryAfter);
    }
}
