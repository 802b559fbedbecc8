package io.newsflow.ingest.poll;

import io.newsflow.ingest.publish.ItemCounts;
import java.time.Duration;

/**
 * How one poll of one feed ended.
 *
 * @param failureReason null when the poll succeeded (fetched or not modified)
 * @param validators what to send with the next conditional GET
 * @param declaredTtl the feed's own ttl, or null
 */
public record PollOutcome(
        boolean notModified, String failureReason, String failureDetail, Validators validators, Duration declaredTtl,
        ItemCounts items) {

    public boolean failed() {
        return failureReason != null;
    }

    static PollOutcome failure(String reason, String detail, Validators keep, Duration ttl) {
        return new PollOutcome(false, reason, detail, keep, ttl, ItemCounts.NONE);
    }
}
