package io.newsflow.app.dlq;

import io.newsflow.common.config.KafkaSettings;
import io.newsflow.schemas.RecordSizes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of the dlq commands, kept thin: read a topic's committed records from the beginning to its end as
 * of the start, read one record, and write redriven records with their ledger entries in transactions.
 */
public final class DlqKafka {
    private static final Logger log = LoggerFactory.getLogger(DlqKafka.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private DlqKafka() {}

    /** A record's headers as UTF-8 strings (the last value of a repeated name). */
    public static Map<String, String> headers(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    /** True when the topic exists. */
    public static boolean exists(KafkaSettings kafka, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            return !consumer.partitionsFor(topic, timeout).isEmpty();
        }
    }

    /**
     * Reads every committed record of {@code topic} from the beginning up to its end as it was when the call
     * started (read_committed: aborted records and open transactions are never seen), then returns.
     *
     * @throws IllegalStateException when the topic does not exist or no progress is made for {@code timeout}
     */
    public static void readToEnd(KafkaSettings kafka, String topic, Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic '" + topic + "' does not exist on Kafka at "
                        + kafka.bootstrapServers() + " (newsflow topics create makes it)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant lastProgress = Instant.now();
            while (!atEnd(consumer, end, timeout)) {
                var records = consumer.poll(POLL);
                records.forEach(each);
                if (!records.isEmpty()) {
                    lastProgress = Instant.now();
                } else if (Duration.between(lastProgress, Instant.now()).compareTo(timeout) > 0) {
                    throw new IllegalStateException("reading " + topic + " made no progress for " + timeout.toSeconds()
                            + " s (Kafka at " + kafka.bootstrapServers() + "); end offsets " + end);
                }
            }
        }
    }

    /** The record at {@code partition:offset} of {@code topic}, or empty when there is none there. */
    public static Optional<ConsumerRecord<byte[], byte[]>> readAt(KafkaSettings kafka, String topic,
            DlqPosition position, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            TopicPartition partition = new TopicPartition(topic, position.partition());
            if (consumer.partitionsFor(topic, timeout).stream().noneMatch(p -> p.partition() == position.partition())) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            if (position.offset() >= end) {
                return Optional.empty();
            }
            consumer.seek(partition, position.offset());
            Instant deadline = Instant.now().plus(timeout);
            while (consumer.position(partition, timeout) <= position.offset() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == position.offset()) {
                        return Optional.of(record);
                    }
                    if (record.offset() > position.offset()) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
            Duration timeout) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Writes redriven records and their ledger entries, a batch per Kafka transaction. One transactional id per
     * dead-letter topic: a second redrive fences the first, and a crashed one's open transaction is aborted when
     * the next starts, so a dead letter is in the ledger exactly when its original was put back.
     */
    public static final class Redriver implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String ledgerTopic;

        /** Starts the transactional producer; call it before reading the ledger, so no earlier transaction is open. */
        public Redriver(KafkaSettings kafka, String deadLetterTopic, String ledgerTopic) {
            Map<String, Object> config = new HashMap<>(kafka.clientConfig());
            config.putAll(RecordSizes.producerConfigs());
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(deadLetterTopic));
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.ledgerTopic = ledgerTopic;
            producer.initTransactions();
        }

        public static String transactionalId(String deadLetterTopic) {
            return "newsflow-dlq-redrive-" + deadLetterTopic;
        }

        /** Puts the batch back and records it in the ledger, in one transaction; throws (aborted) on failure. */
        public void commit(List<RedriveDecision.Redrive> batch, RedriveLedger ledger, Instant now) {
            if (batch.isEmpty()) {
                return;
            }
            producer.beginTransaction();
            try {
                for (RedriveDecision.Redrive redrive : batch) {
                    Headers headers = new RecordHeaders();
                    redrive.headers().forEach(headers::add);
                    producer.send(new ProducerRecord<>(redrive.topic(), null, redrive.key(), redrive.value(), headers));
                    producer.send(new ProducerRecord<>(ledgerTopic,
                            ledger.key(redrive.position()).getBytes(StandardCharsets.UTF_8),
                            RedriveLedger.entry(redrive, now)));
                }
                producer.commitTransaction();
                log.info("redrove {} dead letters ({} .. {})", batch.size(), batch.getFirst().position(),
                        batch.getLast().position());
            } catch (RuntimeException e) {
                try {
                    producer.abortTransaction();
                } catch (RuntimeException abort) {
                    e.addSuppressed(abort);
                }
                throw e;
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
