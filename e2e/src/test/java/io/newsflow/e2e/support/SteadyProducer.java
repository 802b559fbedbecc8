package io.newsflow.e2e.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces a list of records at a steady rate on its own thread, as a live source would, so that a test can kill a
 * service while records are still arriving. Keys come from the records.
 */
public final class SteadyProducer<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaProducer<String, T> producer;
    private final Thread thread;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final int total;
    private volatile boolean closed;

    private SteadyProducer(Kafka kafka, String topic, List<T> records, Function<T, String> key, double perSecond) {
        this.producer = kafka.avroProducer();
        this.total = records.size();
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        this.thread = new Thread(() -> {
            long next = System.nanoTime();
            for (T record : records) {
                if (closed) {
                    return;
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(wait)); // pacing, not waiting for a condition
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next += intervalNanos;
                producer.send(new ProducerRecord<>(topic, key.apply(record), record), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }, "steady-producer-" + topic);
        thread.setDaemon(true);
    }

    public static <T extends SpecificRecord> SteadyProducer<T> start(Kafka kafka, String topic, List<T> records,
            Function<T, String> key, double perSecond) {
        SteadyProducer<T> producer = new SteadyProducer<>(kafka, topic, records, key, perSecond);
        producer.thread.start();
        return producer;
    }

    /** Records the broker acknowledged so far; fails if a send failed. */
    public int acknowledged() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("producing failed: " + error, error);
        }
        return acknowledged.get();
    }

    public boolean done() {
        return acknowledged() == total;
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
