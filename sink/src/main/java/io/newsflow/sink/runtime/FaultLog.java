package io.newsflow.sink.runtime;

import io.newsflow.sink.errors.FaultCause;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;

/**
 * Decides which environment faults are worth a WARN line: the first of each cause, then at most one per cause per
 * {@code interval}, so a 429 storm or an outage logs a line a minute, not one per record.
 */
final class FaultLog {

    private final InstantSource clock;
    private final Duration interval;
    private final Map<FaultCause, Instant> lastWarned = new EnumMap<>(FaultCause.class);

    FaultLog(InstantSource clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Whether to log this occurrence of the cause at WARN (true) or at DEBUG (false). */
    boolean warn(FaultCause cause) {
        Instant now = clock.instant();
        Instant last = lastWarned.get(cause);
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        lastWarned.put(cause, now);
        return true;
    }
}
