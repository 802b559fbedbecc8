package io.newsflow.sink.write;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code base * 2^(n-1)}, capped
 * at {@code max}. The random half spreads retries of many records (and many sinks) apart; the fixed half keeps a
 * retry from coming back at once.
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
