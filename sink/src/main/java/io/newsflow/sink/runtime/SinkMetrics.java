package io.newsflow.sink.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.sink.errors.FaultCause;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/** The sink's meters. Names are listed in {@code docs/sink.md}. */
public final class SinkMetrics {

    private final MeterRegistry registry;
    private final Counter indexed;
    private final Counter deleted;
    private final Counter stale;
    private final Counter retried;
    private final Counter requestFailures;
    private final Timer bulkLatency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger pausedPartitions = new AtomicInteger();
    private final AtomicInteger breakerOpen = new AtomicInteger();
    private final Map<FaultCause, Counter> environmentFaults = new EnumMap<>(FaultCause.class);
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.indexed = Counter.builder("newsflow.sink.docs.indexed")
                .description("Documents Elasticsearch acknowledged as created or replaced").register(registry);
        this.deleted = Counter.builder("newsflow.sink.docs.deleted")
                .description("Tombstones applied (document deleted or already absent)").register(registry);
        this.stale = Counter.builder("newsflow.sink.docs.version.conflicts")
                .description("Records skipped because the index already holds a newer version").register(registry);
        this.retried = Counter.builder("newsflow.sink.docs.retried")
                .description("Record attempts scheduled again after an environment fault").register(registry);
        this.requestFailures = Counter.builder("newsflow.sink.bulk.failures")
                .description("Bulk requests that failed as a whole (no response or an error for the request)")
                .register(registry);
        this.bulkLatency = Timer.builder("newsflow.sink.bulk.latency")
                .description("Time from sending a bulk request to its response")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("newsflow.sink.in.flight", inFlight, AtomicInteger::get)
                .description("Records held in memory: in flight, waiting for a retry or for their dead letter")
                .register(registry);
        Gauge.builder("newsflow.sink.partitions.paused", pausedPartitions, AtomicInteger::get)
                .description("Assigned partitions currently paused (retry, circuit breaker or back-pressure)")
                .register(registry);
        Gauge.builder("newsflow.sink.breaker.open", breakerOpen, AtomicInteger::get)
                .description("1 while the circuit breaker is open (the same rejection for many records in a row)")
                .register(registry);
        for (FaultCause cause : FaultCause.values()) {
            environmentFaults.put(cause, Counter.builder("newsflow.sink.environment.faults")
                    .description("Record attempts that met an environment fault (retried, never dead-lettered);"
                            + " repeated_rejection counts circuit breaker trips")
                    .tag("cause", cause.tag())
                    .register(registry));
        }
    }

    void environmentFault(FaultCause cause) {
        environmentFaults.get(cause).increment();
    }

    void breakerOpen(boolean open) {
        breakerOpen.set(open ? 1 : 0);
    }

    void indexed() {
        indexed.increment();
    }

    void deleted() {
        deleted.increment();
    }

    void stale() {
        stale.increment();
    }

    void retried() {
        retried.increment();
    }

    void requestFailed() {
        requestFailures.increment();
    }

    void deadLettered(String reason, String errorClass) {
        Counter.builder("newsflow.sink.docs.dead.lettered")
                .description("Records sent to the dead-letter topic (acknowledged)")
                .tag("reason", reason)
                .tag("error", errorClass)
                .register(registry)
                .increment();
    }

    void bulkLatency(Duration duration) {
        bulkLatency.record(duration);
    }

    void inFlight(int value) {
        inFlight.set(value);
    }

    void pausedPartitions(int value) {
        pausedPartitions.set(value);
    }

    void lag(TopicPartition partition, long value) {
        lag.computeIfAbsent(partition, tp -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("newsflow.sink.consumer.lag", holder, AtomicLong::get)
                    .description("Records in the partition not yet acknowledged by Elasticsearch")
                    .tag("topic", tp.topic())
                    .tag("partition", String.valueOf(tp.partition()))
                    .register(registry);
            return holder;
        }).set(value);
    }
}
