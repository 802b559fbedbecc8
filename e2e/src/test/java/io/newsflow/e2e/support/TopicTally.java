package io.newsflow.e2e.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Counts the records of a topic by key, from its first offset, as a {@code read_committed} consumer sees them
 * (what a downstream consumer of an exactly-once topic gets), or a {@code read_uncommitted} one. Reads on its own thread until closed, so a test can watch
 * progress while it kills and restarts the writer.
 */
public final class TopicTally implements AutoCloseable {
    private final Kafka kafka;
    private final String topic;
    private final IsolationLevel isolation;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread reader;
    private volatile boolean closed;

    private TopicTally(Kafka kafka, String topic, IsolationLevel isolation) {
        this.kafka = kafka;
        this.topic = topic;
        this.isolation = isolation;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.copyOf(kafka.partitions(topic));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "tally-" + topic);
        reader.setDaemon(true);
    }

    /** Starts counting {@code topic} from its beginning, as a read_committed consumer. */
    public static TopicTally readCommitted(Kafka kafka, String topic) {
        return start(new TopicTally(kafka, topic, IsolationLevel.READ_COMMITTED));
    }

    /** The same as a read_uncommitted consumer: records of aborted transactions count too. */
    public static TopicTally readUncommitted(Kafka kafka, String topic) {
        return start(new TopicTally(kafka, topic, IsolationLevel.READ_UNCOMMITTED));
    }

    private static TopicTally start(TopicTally tally) {
        tally.reader.start();
        return tally;
    }

    /** Different keys seen so far. */
    public int distinctKeys() {
        check();
        return counts.size();
    }

    /** Records seen so far. */
    public long records() {
        check();
        return records.get();
    }

    public Map<String, Integer> counts() {
        check();
        return Map.copyOf(counts);
    }

    /** Keys seen more than once, with how often. */
    public Map<String, Integer> duplicates() {
        return counts().entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Set<String> keys() {
        return counts().keySet();
    }

    /** Waits until everything written to the topic up to now (as far as this reader may see) has been counted. */
    public void awaitCaughtUp(Duration timeout) {
        Map<TopicPartition, Long> end = kafka.endOffsets(topic, isolation);
        Awaitility.await("reading " + topic + " up to " + end)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    check();
                    return end.entrySet().stream()
                            .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
                });
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    counts.merge(String.valueOf(record.key()), 1, Integer::sum);
                    records.incrementAndGet();
                }
                for (TopicPartition partition : consumer.assignment()) {
                    positions.put(partition, consumer.position(partition));
                }
            }
        } catch (WakeupException e) {
            // closed
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void check() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("reading " + topic + " failed: " + e, e);
        }
    }
}
