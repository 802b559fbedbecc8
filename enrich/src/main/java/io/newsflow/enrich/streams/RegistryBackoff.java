package io.newsflow.enrich.streams;

import io.newsflow.enrich.streams.EnvironmentFaults.Cause;
import io.newsflow.schemas.Backoff;
import io.newsflow.schemas.serde.RegistryUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call that needs the Schema Registry while the registry cannot be asked
 * ({@link RegistryUnavailableException}), with doubling backoff capped at {@code backoffMax}, for at most
 * {@code waitMax} in one go. Past that the exception goes on, so the error handler can hand the record back to
 * Kafka Streams (the stream thread is replaced and resumes from the committed offsets, where this waits again):
 * a stream thread never sits in one call longer than the poll interval or the transaction timeout allow.
 */
final class RegistryBackoff {
    private static final Logger log = LoggerFactory.getLogger(RegistryBackoff.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** Waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration waitMax;
    private final Duration backoffMax;
    private final EnvironmentFaults faults;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    /** Whether a call met the fault since the registry last answered (any thread: one instance serves them all). */
    private volatile boolean waiting;

    RegistryBackoff(Duration waitMax, Duration backoffMax, EnvironmentFaults faults) {
        this(waitMax, backoffMax, faults, d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    RegistryBackoff(Duration waitMax, Duration backoffMax, EnvironmentFaults faults, Sleeper sleeper,
            LongSupplier nanoTime) {
        this.waitMax = Objects.requireNonNull(waitMax, "waitMax");
        this.backoffMax = Objects.requireNonNull(backoffMax, "backoffMax");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * The call's result once the registry answers.
     *
     * @throws RegistryUnavailableException when the registry still cannot be asked after {@code waitMax}
     */
    <T> T call(String what, Supplier<T> call) {
        long deadline = nanoTime.getAsLong() + waitMax.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                T result = call.get();
                if (waiting) {
                    waiting = false;
                    faults.cleared(Cause.SCHEMA_REGISTRY);
                    log.info("the schema registry answers again ({})", what);
                }
                return result;
            } catch (RegistryUnavailableException e) {
                faults.occurred(Cause.SCHEMA_REGISTRY, e);
                if (!waiting) {
                    log.warn("the schema registry cannot be asked ({}); retrying for up to {}", what, waitMax);
                }
                waiting = true;
                long left = deadline - nanoTime.getAsLong();
                if (left <= 0) {
                    throw e;
                }
                try {
                    sleeper.sleep(Duration.ofNanos(Math.min(backoff.toNanos(), left)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Backoff.doubled(backoff, backoffMax);
            }
        }
    }
}
