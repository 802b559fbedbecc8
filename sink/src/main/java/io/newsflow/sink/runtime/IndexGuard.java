package io.newsflow.sink.runtime;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.newsflow.schemas.Backoff;
import io.newsflow.sink.errors.Failure;
import io.newsflow.sink.errors.FailureClassifier;
import io.newsflow.sink.index.IndexSetup;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link IndexSetup} on the poll thread: before the first poll, waiting out environment faults (with
 * backoff, health DEGRADED) so a sink started before Elasticsearch simply waits for it; and again, with backoff,
 * after a write met a missing write index, until the alias has one.
 */
final class IndexGuard {

    private static final Logger log = LoggerFactory.getLogger(IndexGuard.class);

    private final IndexSetup setup;
    private final FailureClassifier classifier;
    private final Backoff backoff;
    private final InstantSource clock;
    private final SinkMetrics metrics;
    private final SinkHealth health;
    private boolean repairWanted;
    private int repairAttempts;
    private Instant nextRepair = Instant.MIN;

    /** @param setup the index setup, or null when the sink does not manage the index */
    IndexGuard(IndexSetup setup, FailureClassifier classifier, Backoff backoff, InstantSource clock,
            SinkMetrics metrics, SinkHealth health) {
        this.setup = setup;
        this.classifier = classifier;
        this.backoff = backoff;
        this.clock = clock;
        this.metrics = metrics;
        this.health = health;
    }

    /**
     * Installs the template and write alias and upgrades the mappings, retrying environment faults until it works.
     *
     * @return false when the sink was stopped while waiting
     * @throws IOException or an {@link ElasticsearchException} that is not an environment fault
     */
    boolean prepare(BooleanSupplier stopping, CountDownLatch stopSignal) throws InterruptedException, IOException {
        if (setup == null) {
            return true;
        }
        int attempt = 0;
        while (!stopping.getAsBoolean()) {
            try {
                setup.ensure();
                health.elasticsearchReachable();
                return true;
            } catch (IOException | ElasticsearchException e) {
                Failure failure = classifier.classify(BulkWriter.requestError(e));
                if (!failure.isEnvironment()) {
                    throw e;
                }
                Duration wait = backoff.delay(++attempt);
                metrics.environmentFault(failure.cause());
                health.elasticsearchUnreachable(failure.cause().tag() + ": " + failure.reason());
                log.warn("Index setup failed with an environment fault, {} ({}); trying again in {} ms",
                        failure.cause().tag(), failure.reason(), wait.toMillis());
                stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    /** A write met a missing write index: run the setup again at the next {@link #repairIfDue()}. */
    void writeIndexMissing() {
        if (setup != null) {
            repairWanted = true;
        }
    }

    /**
     * Runs the setup again, with backoff, while a missing write index was reported; meanwhile the records wait in
     * the retry queue as environment faults.
     */
    void repairIfDue() {
        if (!repairWanted || clock.instant().isBefore(nextRepair)) {
            return;
        }
        try {
            setup.ensure();
            repairWanted = false;
            repairAttempts = 0;
            log.info("Index setup run again after a missing write index; the waiting records follow");
        } catch (IOException | RuntimeException e) {
            nextRepair = clock.instant().plus(backoff.delay(++repairAttempts));
            log.warn("Index setup after a missing write index failed ({}); trying again later", e.toString());
        }
    }
}
