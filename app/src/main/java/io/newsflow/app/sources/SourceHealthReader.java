package io.newsflow.app.sources;

import io.newsflow.avro.SourceHealth;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code sources.health} from the beginning to its current end (committed transactions only), with no
 * consumer group: the topic is compacted, so this is every source's latest state plus whatever compaction has not
 * yet removed.
 */
public final class SourceHealthReader {
    private SourceHealthReader() {}

    /**
     * @throws IllegalStateException naming the topic and broker when it does not exist or cannot be read in time
     */
    public static SourceTable read(KafkaSettings kafka, RegistrySettings registry, String topic, Duration timeout) {
        Map<String, Object> config = kafka.committedReaderConfig("newsflow-sources");
        SourceTable table = new SourceTable();
        try (AvroSerde<SourceHealth> serde = new AvroSerde<>(SourceHealth.class);
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            serde.configure(registry.serdeConfig(), false);
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on Kafka at "
                        + kafka.bootstrapServers() + " (is the enrich service's source health running? `newsflow"
                        + " topics create` makes it)");
            }
            List<TopicPartition> assigned = new ArrayList<>();
            partitions.forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        SourceHealth event = serde.deserializer().deserialize(record.topic(), record.value());
                        if (event != null) {
                            table.add(event);
                        }
                    } catch (SerializationException e) {
                        throw new IllegalStateException("unreadable source-health event at " + record.topic() + "-"
                                + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e);
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer within "
                    + timeout.toSeconds() + " s: " + e.getMessage(), e);
        }
        return table;
    }
}
