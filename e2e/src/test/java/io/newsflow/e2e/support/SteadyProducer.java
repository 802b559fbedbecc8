package io.newsflow.e2e.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces records at a steady rate on its own thread until closed, as a live source would, so that a test can kill a
 * consumer while records keep arriving. Record {@code n} comes from a generator; keys come from the records.
 */
public final class SteadyProducer<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaProducer<String, T> producer;
    private final Thread thread;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean closed;

    private SteadyProducer(Kafka kafka, String topic, IntFunction<T> records, Function<T, String> key,
            double perSecond) {
        this.producer = kafka.avroProducer();
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        this.thread = new Thread(() -> {
            long next = System.nanoTime();
            for (int n = 0; !closed; n++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(wait)); // pacing, not waiting for a condition
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next += intervalNanos;
                T record = records.apply(n);
                String recordKey = key.apply(record);
                producer.send(new ProducerRecord<>(topic, recordKey, record), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged.add(recordKey);
                    }
                });
            }
        }, "steady-producer-" + topic);
        thread.setDaemon(true);
    }

    public static <T extends SpecificRecord> SteadyProducer<T> start(Kafka kafka, String topic, IntFunction<T> records,
            Function<T, String> key, double perSecond) {
        SteadyProducer<T> producer = new SteadyProducer<>(kafka, topic, records, key, perSecond);
        producer.thread.start();
        return producer;
    }

    /** How many records the broker acknowledged so far; fails if a send failed. */
    public int acknowledged() {
        return acknowledgedKeys().size();
    }

    /** The keys of the records the broker acknowledged so far; fails if a send failed. */
    public Set<String> acknowledgedKeys() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("producing failed: " + error, error);
        }
        return Set.copyOf(acknowledged);
    }

    /** Stops producing and waits until every record sent is acknowledged. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
    }
}
