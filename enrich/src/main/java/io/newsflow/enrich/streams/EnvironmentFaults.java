package io.newsflow.enrich.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Faults of the environment the enricher is waiting out: the Schema Registry cannot be asked, or Kafka did not take
 * a record in time. Never a reason to dead-letter; they turn health DEGRADED with the cause and are counted
 * ({@code newsflow.enrich.environment.faults{cause}}, and {@code newsflow.enrich.environment.fault.active{cause}}
 * is 1 while the fault lasts). A fault ends when the dependency answers again ({@link #cleared}) or when it has
 * not been seen for the quiet period (Kafka's producer reports failures only).
 */
public final class EnvironmentFaults {
    /** What the enricher is waiting for. */
    public enum Cause {
        SCHEMA_REGISTRY("schema-registry", "the schema registry cannot be asked"),
        KAFKA("kafka", "Kafka did not take a record in time");

        private final String tag;
        private final String description;

        Cause(String tag, String description) {
            this.tag = tag;
            this.description = description;
        }

        public String tag() {
            return tag;
        }
    }

    private record Episode(Instant since, Instant lastSeen, String errorClass) {}

    private final Clock clock;
    private final Duration quietPeriod;
    private final Map<Cause, Episode> active = new EnumMap<>(Cause.class);
    private final Map<Cause, Counter> counters = new EnumMap<>(Cause.class);

    public EnvironmentFaults(MeterRegistry meters, Clock clock, Duration quietPeriod) {
        this.clock = clock;
        this.quietPeriod = quietPeriod;
        for (Cause cause : Cause.values()) {
            counters.put(cause, Counter.builder("newsflow.enrich.environment.faults").tag("cause", cause.tag())
                    .description("Attempts that met a fault of the environment (retried, never dead-lettered)")
                    .register(meters));
            Gauge.builder("newsflow.enrich.environment.fault.active", this, f -> f.isActive(cause) ? 1 : 0)
                    .tag("cause", cause.tag()).description("1 while the enricher waits for this dependency")
                    .register(meters);
        }
    }

    /** One attempt met the fault: counted, and the fault is active from its first occurrence. */
    public synchronized void occurred(Cause cause, Throwable error) {
        counters.get(cause).increment();
        Instant now = clock.instant();
        Episode episode = activeEpisode(cause);
        active.put(cause, new Episode(episode == null ? now : episode.since(), now, error.getClass().getName()));
    }

    /** The dependency answered again. */
    public synchronized void cleared(Cause cause) {
        active.remove(cause);
    }

    public synchronized boolean isActive(Cause cause) {
        return activeEpisode(cause) != null;
    }

    /** The faults being waited out, for health: e.g. {@code the schema registry cannot be asked (since ..., ...)}. */
    public synchronized Optional<String> describe() {
        StringJoiner text = new StringJoiner("; ");
        for (Cause cause : Cause.values()) {
            Episode episode = activeEpisode(cause);
            if (episode != null) {
                text.add(cause.description + " (since " + episode.since() + ", last " + episode.errorClass() + ")");
            }
        }
        return text.length() == 0 ? Optional.empty() : Optional.of(text.toString());
    }

    private Episode activeEpisode(Cause cause) {
        Episode episode = active.get(cause);
        if (episode != null && episode.lastSeen().plus(quietPeriod).isBefore(clock.instant())) {
            active.remove(cause);
            return null;
        }
        return episode;
    }
}
