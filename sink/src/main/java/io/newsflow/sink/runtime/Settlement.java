package io.newsflow.sink.runtime;

import io.newsflow.sink.errors.ErrorPolicy;
import io.newsflow.sink.errors.IndexingError;
import io.newsflow.sink.write.Backoff;
import io.newsflow.sink.write.PendingRecord;
import io.newsflow.sink.write.RetryQueue;
import io.newsflow.sink.write.SinkDeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Decides what happens to a record that did not simply succeed: retry it later, send it again alone, dead-letter
 * it, or stop the sink. Plain Java with injected time: no threads, no HTTP, no consumer; the poll loop carries the
 * decision out. Not thread-safe (the poll thread owns it).
 */
final class Settlement {

    /** What to do with the record. */
    sealed interface Decision {}

    /** Try again at {@code due}; {@code kind} says whether to index or to publish the dead letter again. */
    record Retry(RetryQueue.Kind kind, Instant due, Duration delay, IndexingError error) implements Decision {}

    /** Send the record again, alone in its request, to tell its failure from its neighbours'. */
    record Isolate() implements Decision {}

    /** Publish this dead letter; the record is done once the dead-letter topic acknowledged it. */
    record DeadLetter(io.newsflow.avro.DeadLetter letter) implements Decision {}

    /** Stop the sink without committing the record. */
    record Stop(String message) implements Decision {}

    private final ErrorPolicy policy;
    private final int maxItemAttempts;
    private final Backoff backoff;
    private final InstantSource clock;

    Settlement(ErrorPolicy policy, int maxItemAttempts, Backoff backoff, InstantSource clock) {
        this.policy = policy;
        this.maxItemAttempts = maxItemAttempts;
        this.backoff = backoff;
        this.clock = clock;
    }

    ErrorPolicy policy() {
        return policy;
    }

    /** Elasticsearch answered this one item with an error. */
    Decision itemFailed(PendingRecord pending, IndexingError error) {
        return switch (policy.actionFor(error)) {
            case RETRY -> {
                pending.failedItem();
                if (maxItemAttempts > 0 && pending.itemFailures() >= maxItemAttempts) {
                    yield new DeadLetter(SinkDeadLetters.rejected(pending, error.type(),
                            "retry budget of " + maxItemAttempts + " attempts spent; last error: " + error.reason(),
                            clock.instant()));
                }
                yield retry(pending, RetryQueue.Kind.INDEX, error);
            }
            case DEAD_LETTER -> new DeadLetter(SinkDeadLetters.rejected(pending, error.type(), error.reason(),
                    clock.instant()));
            case FATAL -> stop(pending, error);
        };
    }

    /** The whole bulk request the record was in failed. */
    Decision requestFailed(PendingRecord pending, IndexingError error) {
        return switch (policy.actionFor(error)) {
            case RETRY -> {
                pending.failedRequest();
                yield retry(pending, RetryQueue.Kind.INDEX, error);
            }
            case DEAD_LETTER -> {
                if (pending.isolated()) {
                    yield new DeadLetter(SinkDeadLetters.rejected(pending, error.type(), error.reason(),
                            clock.instant()));
                }
                pending.isolate();
                yield new Isolate();
            }
            case FATAL -> stop(pending, error);
        };
    }

    /** The record's value could not be read as a {@code CleanArticle}. */
    Decision undecodable(PendingRecord pending, RuntimeException error) {
        return new DeadLetter(SinkDeadLetters.undecodable(pending,
                "value is not a CleanArticle in the registry's wire format", error, clock.instant()));
    }

    /** A tombstone without a key names no document to delete. */
    Decision tombstoneWithoutKey(PendingRecord pending) {
        return new DeadLetter(SinkDeadLetters.unusable(pending, "tombstone without a key: no document to delete",
                clock.instant()));
    }

    /** The dead-letter topic did not acknowledge the record's dead letter. */
    Decision deadLetterFailed(PendingRecord pending, Exception error) {
        pending.failedRequest();
        return retry(pending, RetryQueue.Kind.DEAD_LETTER,
                IndexingError.request(0, error.getClass().getSimpleName(), error.getMessage()));
    }

    private Retry retry(PendingRecord pending, RetryQueue.Kind kind, IndexingError error) {
        Duration delay = backoff.delay(pending.attempts());
        return new Retry(kind, clock.instant().plus(delay), delay, error);
    }

    private Stop stop(PendingRecord pending, IndexingError error) {
        return new Stop("Elasticsearch refused " + pending + " with " + error.status() + " " + error.type() + ": "
                + error.reason() + " (fatal by the error policy: every record would fail the same way; fix it and"
                + " restart, nothing after the last acknowledged offset is lost)");
    }
}
