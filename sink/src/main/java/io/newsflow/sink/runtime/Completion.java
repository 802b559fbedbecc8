package io.newsflow.sink.runtime;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.newsflow.sink.write.PendingRecord;
import java.time.Duration;
import java.util.List;

/** What the bulk listener and the dead-letter producer hand back to the poll thread, which alone settles it. */
sealed interface Completion {

    /** Elasticsearch answered the bulk request; each item still has its own outcome. */
    record BulkCompleted(List<PendingRecord> records, BulkResponse response, Duration latency) implements Completion {}

    /** The bulk request failed as a whole (no response, or an error for the request). */
    record BulkFailed(List<PendingRecord> records, Throwable cause, Duration latency) implements Completion {}

    /** The dead-letter topic acknowledged the record's dead letter ({@code error} null) or refused it. */
    record DeadLetterAcknowledged(PendingRecord record, Exception error) implements Completion {}
}
