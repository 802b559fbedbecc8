package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.common.ops.Health;
import io.newsflow.enrich.streams.EnvironmentFaults.Cause;
import io.newsflow.schemas.RecordSizes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class EnrichServiceTest {

    @Test
    void shouldBeDegradedWithTheCauseWhileWaitingOutAnEnvironmentFault() {
        Health health = EnrichService.healthOf(KafkaStreams.State.RUNNING, Optional.of("the schema registry cannot be asked"));

        assertThat(health.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(health.detail()).contains("RUNNING", "the schema registry cannot be asked");
        assertThat(EnrichService.healthOf(KafkaStreams.State.RUNNING, Optional.empty()).status())
                .isEqualTo(Health.Status.UP);
        assertThat(EnrichService.healthOf(KafkaStreams.State.REBALANCING, Optional.empty()).status())
                .isEqualTo(Health.Status.DEGRADED);
        assertThat(EnrichService.healthOf(KafkaStreams.State.ERROR, Optional.of("x")).status())
                .isEqualTo(Health.Status.DOWN);
    }

    @Test
    void shouldEndAKafkaFaultAfterTheQuietPeriodAndARegistryFaultWhenItAnswers() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-10T09:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        EnvironmentFaults faults = new EnvironmentFaults(meters, clock, Duration.ofMinutes(1));

        faults.occurred(Cause.KAFKA, new TimeoutException("expired"));
        faults.occurred(Cause.SCHEMA_REGISTRY, RegistryBackoffTest.unavailable());
        assertThat(meters.get("newsflow.enrich.environment.fault.active").tag("cause", "kafka").gauge().value())
                .isEqualTo(1);
        now.set(now.get().plusSeconds(30));
        faults.cleared(Cause.SCHEMA_REGISTRY);
        assertThat(faults.describe()).hasValueSatisfying(d -> assertThat(d).contains("Kafka")
                .doesNotContain("registry"));
        now.set(now.get().plusSeconds(31));

        assertThat(faults.describe()).isEmpty();
        assertThat(meters.get("newsflow.enrich.environment.fault.active").tag("cause", "kafka").gauge().value())
                .isZero();
        assertThat(meters.get("newsflow.enrich.environment.faults").tag("cause", "kafka").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldTakeTheProducerLimitsFromRecordSizesAndLetTransactionsOutlastARegistryWait() {
        EnrichMetrics metrics = EnrichMetrics.inMemory();
        var props = EnrichTopology.streamsConfig("app", new DeadLetterRouting("dlq",
                (topic, letter) -> new byte[0], metrics, Clock.systemUTC()),
                new EnvironmentFaults(metrics.registry(), Clock.systemUTC(), Duration.ofMinutes(1)),
                Duration.ofSeconds(30));

        assertThat(props.get("max.request.size")).isEqualTo(RecordSizes.MAX_RECORD_BYTES);
        assertThat(props.get("compression.type")).isEqualTo("zstd");
        assertThat(props.get("producer.transaction.timeout.ms")).isEqualTo(70_000);
        assertThat(props.get("production.exception.handler")).isEqualTo(EnrichErrorHandler.class);
        assertThat(EnrichService.maxRequestSize(Map.of())).isEqualTo(RecordSizes.MAX_RECORD_BYTES);
        assertThat(EnrichService.maxRequestSize(Map.of("max.request.size", "200000"))).isEqualTo(200_000);
        assertThat(EnrichService.maxRequestSize(Map.of("max.request.size", "300000",
                "producer.max.request.size", "200000"))).isEqualTo(200_000);
    }
}
