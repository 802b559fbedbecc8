package io.newsflow.schemas;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The services' backoff between retries: the wait doubles after each failure, up to a cap.
 *
 * <p>An instance adds "equal jitter" (the sink's bulk retries): attempt n waits between half and all of
 * {@code base * 2^(n-1)}, capped at {@code max}. The random half spreads retries of many records (and many sinks)
 * apart; the fixed half keeps a retry from coming back at once. {@link #doubled} is the plain form for a loop that
 * keeps its current wait (ingest's transactions, enrich's registry calls, the sink's index set-up).
 */
public final class Backoff {

    private final long baseNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got base " + base + ", max " + max);
        }
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait after {@code current}: twice as long, but never longer than {@code max}. */
    public static Duration doubled(Duration current, Duration max) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** How long to wait before attempt {@code failedAttempts + 1}; {@code failedAttempts} starts at 1. */
    public Duration delay(int failedAttempts) {
        int exponent = Math.max(0, Math.min(failedAttempts - 1, 62));
        long ceiling = baseNanos;
        for (int i = 0; i < exponent && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        long half = ceiling / 2;
        return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
    }
}
