package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.enrich.streams.EnvironmentFaults.Cause;
import io.newsflow.schemas.registry.SchemaRegistryException;
import io.newsflow.schemas.serde.RegistryUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegistryBackoffTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EnvironmentFaults faults = new EnvironmentFaults(meters, Clock.systemUTC(), Duration.ofMinutes(1));
    private final List<Duration> sleeps = new ArrayList<>();
    private long nanos;

    private RegistryBackoff backoff(Duration waitMax, Duration backoffMax) {
        return new RegistryBackoff(waitMax, backoffMax, faults, d -> {
            sleeps.add(d);
            nanos += d.toNanos();
        }, () -> nanos);
    }

    static RegistryUnavailableException unavailable() {
        return new RegistryUnavailableException("registry down", new SchemaRegistryException("http://registry",
                "fetch schema 7", null, 503, SchemaRegistryException.NO_ANSWER, "Service Unavailable", null));
    }

    @Test
    void shouldRetryWithDoublingBackoffCappedAndClearTheFaultWhenTheRegistryAnswers() {
        AtomicInteger calls = new AtomicInteger();

        String result = backoff(Duration.ofSeconds(30), Duration.ofMillis(500)).call("reading", () -> {
            if (calls.incrementAndGet() <= 5) {
                throw unavailable();
            }
            return "schema";
        });

        assertThat(result).isEqualTo("schema");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(meters.counter("newsflow.enrich.environment.faults", "cause", "schema-registry").count())
                .isEqualTo(5);
        assertThat(faults.isActive(Cause.SCHEMA_REGISTRY)).isFalse();
    }

    @Test
    void shouldGiveUpAfterTheLongestWaitAndLeaveTheFaultActive() {
        assertThatThrownBy(() -> backoff(Duration.ofSeconds(1), Duration.ofMillis(400)).call("reading", () -> {
            throw unavailable();
        })).isInstanceOf(RegistryUnavailableException.class);

        assertThat(sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(1000);
        assertThat(faults.isActive(Cause.SCHEMA_REGISTRY)).isTrue();
        assertThat(faults.describe()).hasValueSatisfying(text ->
                assertThat(text).contains("schema registry cannot be asked", RegistryUnavailableException.class.getName()));
    }

    @Test
    void shouldNotRetryARecordsOwnFault() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> backoff(Duration.ofSeconds(30), Duration.ofSeconds(1)).call("reading", () -> {
            calls.incrementAndGet();
            throw new org.apache.kafka.common.errors.SerializationException("unknown schema id");
        })).isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);

        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
        assertThat(faults.describe()).isEmpty();
    }
}
