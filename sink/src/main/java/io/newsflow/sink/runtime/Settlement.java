package io.newsflow.sink.runtime;

import io.newsflow.schemas.Backoff;
import io.newsflow.sink.errors.Failure;
import io.newsflow.sink.errors.FailureClassifier;
import io.newsflow.sink.errors.IndexingError;
import io.newsflow.sink.write.PendingRecord;
import io.newsflow.sink.write.RetryQueue;
import io.newsflow.sink.write.SinkDeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides what happens to a record that did not simply succeed: retry it later, send it again alone, hold it for
 * the {@link RejectionBreaker}'s verdict, dead-letter it, or stop the sink. The {@link FailureClassifier} says whose
 * fault it is: an environment fault is retried with capped exponential backoff and no attempt limit, never
 * dead-lettered; a record's own fault goes through the breaker to the dead-letter topic. Plain Java with injected
 * time: no threads, no HTTP, no consumer; the poll loop carries the decision out. Not thread-safe.
 */
final class Settlement {

    /** What to do with the record. */
    sealed interface Decision {}

    /**
     * An environment fault: try again at {@code due}; {@code kind} says whether to process the record again (decode
     * if never decoded, then index) or to publish its dead letter again.
     */
    record Retry(RetryQueue.Kind kind, Instant due, Duration delay, Failure failure) implements Decision {}

    /** Send the record again, alone in its request, to tell its failure from its neighbours'. */
    record Isolate() implements Decision {}

    /** The breaker holds the record until its verdict ({@code opened}: this record opened the breaker). */
    record Hold(boolean opened) implements Decision {}

    /** Publish this dead letter; the record is done once the dead-letter topic acknowledged it. */
    record DeadLetter(io.newsflow.avro.DeadLetter letter) implements Decision {}

    /** Stop the sink without committing the record. */
    record Stop(String message) implements Decision {}

    private final FailureClassifier classifier;
    private final RejectionBreaker breaker;
    private final Backoff backoff;
    private final InstantSource clock;

    Settlement(FailureClassifier classifier, RejectionBreaker breaker, Backoff backoff, InstantSource clock) {
        this.classifier = classifier;
        this.breaker = breaker;
        this.backoff = backoff;
        this.clock = clock;
    }

    FailureClassifier classifier() {
        return classifier;
    }

    RejectionBreaker breaker() {
        return breaker;
    }

    /** Elasticsearch answered this one item with an error. */
    Decision itemFailed(PendingRecord pending, IndexingError error) {
        Failure failure = classifier.classify(error);
        return switch (failure.kind()) {
            case ENVIRONMENT -> {
                pending.failedItem();
                yield retry(pending, RetryQueue.Kind.INDEX, failure);
            }
            case RECORD -> rejected(pending, error);
            case FATAL -> stop(pending, error);
        };
    }

    /** The whole bulk request the record was in failed. */
    Decision requestFailed(PendingRecord pending, IndexingError error) {
        Failure failure = classifier.classify(error);
        return switch (failure.kind()) {
            case ENVIRONMENT -> {
                pending.failedRequest();
                yield retry(pending, RetryQueue.Kind.INDEX, failure);
            }
            case RECORD -> {
                if (pending.isolated()) {
                    yield rejected(pending, error);
                }
                pending.isolate();
                yield new Isolate();
            }
            case FATAL -> stop(pending, error);
        };
    }

    /** The deserializer threw for the record's value. */
    Decision undecodable(PendingRecord pending, RuntimeException error) {
        Failure failure = classifier.classifyDecoding(error);
        if (failure.isEnvironment()) {
            pending.failedRequest();
            return retry(pending, RetryQueue.Kind.INDEX, failure);
        }
        io.newsflow.avro.DeadLetter letter = SinkDeadLetters.undecodable(pending,
                "value is not a CleanArticle in the registry's wire format", error, clock.instant());
        return hold(breaker.rejected(pending, "decode", failure.errorType(), failure.reason(), letter));
    }

    /** A tombstone without a key names no document to delete: structurally the record's own fault. */
    Decision tombstoneWithoutKey(PendingRecord pending) {
        return new DeadLetter(SinkDeadLetters.unusable(pending, "tombstone without a key: no document to delete",
                clock.instant()));
    }

    /** The dead-letter topic did not acknowledge the record's dead letter: always retried. */
    Decision deadLetterFailed(PendingRecord pending, Exception error) {
        pending.failedRequest();
        return retry(pending, RetryQueue.Kind.DEAD_LETTER, classifier.classifyDeadLetterSend(error));
    }

    /** The record succeeded: a neighbour's success is the verdict on the breaker's suspects. */
    RejectionBreaker.Verdicts succeeded(PendingRecord pending) {
        return breaker.succeeded(pending);
    }

    /** Verdicts and probes due now. */
    RejectionBreaker.Verdicts due() {
        return breaker.due();
    }

    Optional<Instant> nextDue() {
        return breaker.nextDue();
    }

    /** Forgets what is held for the partitions; returns how many records that released. */
    int forget(Collection<TopicPartition> partitions) {
        return breaker.forget(partitions);
    }

    private Decision rejected(PendingRecord pending, IndexingError error) {
        io.newsflow.avro.DeadLetter letter = SinkDeadLetters.rejected(pending, error.type(), error.reason(),
                clock.instant());
        return hold(breaker.rejected(pending, "index", error.type(), error.reason(), letter));
    }

    private static Decision hold(RejectionBreaker.Held held) {
        return new Hold(held == RejectionBreaker.Held.OPENED);
    }

    private Retry retry(PendingRecord pending, RetryQueue.Kind kind, Failure failure) {
        Duration delay = backoff.delay(pending.attempts());
        return new Retry(kind, clock.instant().plus(delay), delay, failure);
    }

    private Stop stop(PendingRecord pending, IndexingError error) {
        return new Stop("Elasticsearch refused " + pending + " with " + error.status() + " " + error.type() + ": "
                + error.reason() + " (fatal by a sink.errorPolicy rule; fix it and restart, nothing after the last"
                + " acknowledged offset is lost)");
    }
}
