package io.newsflow.ingest.poll;

import io.newsflow.ingest.config.IngestSettings;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a feed is polled next: its interval (configured, else the default; a longer ttl the feed declares wins, up
 * to {@code maxFeedTtl}), doubled for each failure in a row up to {@code maxBackoff}, then moved by a random
 * jitter so that feeds added together drift apart. Pure: the random source is given.
 */
public final class PollPlanner {
    static final Duration MAX_FIRST_SPREAD = Duration.ofMinutes(1);

    private final Duration defaultInterval;
    private final double jitter;
    private final Duration maxFeedTtl;
    private final Duration maxBackoff;
    private final RandomGenerator random;

    public PollPlanner(Duration defaultInterval, double jitter, Duration maxFeedTtl, Duration maxBackoff,
            RandomGenerator random) {
        this.defaultInterval = defaultInterval;
        this.jitter = jitter;
        this.maxFeedTtl = maxFeedTtl;
        this.maxBackoff = maxBackoff;
        this.random = random;
    }

    public static PollPlanner from(IngestSettings settings, RandomGenerator random) {
        return new PollPlanner(settings.defaultPollInterval(), settings.jitter(), settings.maxFeedTtl(),
                settings.maxBackoff(), random);
    }

    /** The regular interval, before backoff and jitter. */
    public Duration interval(Duration configured, Duration declaredByFeed) {
        Duration interval = configured == null ? defaultInterval : configured;
        if (declaredByFeed != null) {
            Duration declared = min(declaredByFeed, maxFeedTtl);
            if (declared.compareTo(interval) > 0) {
                return declared;
            }
        }
        return interval;
    }

    /** The wait after a poll; {@code failuresInARow} is 0 after a success. */
    public Duration nextDelay(Duration configured, Duration declaredByFeed, int failuresInARow) {
        return nextDelay(configured, declaredByFeed, failuresInARow, null);
    }

    /**
     * The same, honouring a server's Retry-After (null when it sent none) when that is longer than the backoff:
     * at most {@code maxBackoff}, so a server cannot park a feed for days, and without jitter below it.
     */
    public Duration nextDelay(Duration configured, Duration declaredByFeed, int failuresInARow, Duration retryAfter) {
        Duration interval = interval(configured, declaredByFeed);
        Duration delay = jittered(backedOff(interval, failuresInARow));
        if (retryAfter == null) {
            return delay;
        }
        return max(delay, min(retryAfter, max(maxBackoff, interval)));
    }

    /** interval × 2^failures, capped at maxBackoff, but never below the regular interval. */
    Duration backedOff(Duration interval, int failuresInARow) {
        if (failuresInARow <= 0) {
            return interval;
        }
        Duration cap = max(maxBackoff, interval);
        int doublings = Math.min(failuresInARow, 40);
        long millis = interval.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return min(Duration.ofMillis(millis), cap);
    }

    /**
     * A new feed is polled soon: spread over jitter × its interval, but at most {@link #MAX_FIRST_SPREAD}, so a big
     * list does not start at once and a feed just added does not wait long.
     */
    public Duration firstDelay(Duration configured) {
        Duration interval = configured == null ? defaultInterval : configured;
        long spread = Math.min((long) (interval.toMillis() * jitter), MAX_FIRST_SPREAD.toMillis());
        return Duration.ofMillis((long) (spread * random.nextDouble()));
    }

    Duration jittered(Duration delay) {
        if (jitter == 0) {
            return delay;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
