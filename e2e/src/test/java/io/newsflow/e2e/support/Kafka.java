package io.newsflow.e2e.support;

import io.newsflow.avro.RawArticle;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.schemas.serde.AvroSerializer;
import io.newsflow.stack.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** The test's own Kafka clients: topics, offsets, and producers that write through the contract's Avro serde. */
public final class Kafka implements AutoCloseable {
    private final StackEndpoints endpoints;
    private final Admin admin;

    public Kafka(StackEndpoints endpoints) {
        this.endpoints = endpoints;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()));
    }

    public String bootstrapServers() {
        return endpoints.kafkaBootstrapServers();
    }

    public String registryUrl() {
        return endpoints.registryUrl();
    }

    public void createTopics(int partitions, String... names) {
        createTopics(partitions, Map.of(), names);
    }

    /** The same with topic configs ({@code max.message.bytes}...). */
    public void createTopics(int partitions, Map<String, String> configs, String... names) {
        List<NewTopic> topics = List.of(names).stream()
                .map(name -> new NewTopic(name, partitions, (short) 1).configs(configs)).toList();
        get(admin.createTopics(topics).all());
    }

    /** A producer of keyed records whose values are already bytes (poison, hand-made wire format). */
    public KafkaProducer<String, byte[]> byteProducer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A producer of keyed contract records (idempotent, acks=all), values in the Confluent wire format. */
    public <T extends SpecificRecord> KafkaProducer<String, T> avroProducer() {
        return avroProducer(Map.of());
    }

    /**
     * A producer of raw articles configured as ingest's (zstd-compressed batches, a little linger): a 180 KB page
     * crosses the broker as about a fifth of that, as it does in production.
     */
    public KafkaProducer<String, RawArticle> rawArticleProducer() {
        return avroProducer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd", ProducerConfig.LINGER_MS_CONFIG, 20));
    }

    /** The same with room for one record of up to {@code maxRecordBytes} (a planted oversized page). */
    public KafkaProducer<String, RawArticle> rawArticleProducer(int maxRecordBytes) {
        return avroProducer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes, ProducerConfig.BUFFER_MEMORY_CONFIG,
                Math.max(32 << 20, 2L * maxRecordBytes)));
    }

    /** The same, transactional, as the enricher writes: {@code initTransactions()} before use. */
    public <T extends SpecificRecord> KafkaProducer<String, T> transactionalAvroProducer(String transactionalId) {
        return avroProducer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
    }

    private <T extends SpecificRecord> KafkaProducer<String, T> avroProducer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A source waits out a broker outage (FaultsIT stops the broker for a minute, plus its restart).
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        AvroSerializer<T> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl()), false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    public Set<TopicPartition> partitions(String topic) {
        TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toSet());
    }

    /** The end of each partition: the high watermark, or for read_committed the last stable offset. */
    public Map<TopicPartition, Long> endOffsets(String topic, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = partitions(topic).stream()
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        return get(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Whether a transaction is open on the topic with records already written: on some partition the last stable
     * offset (what read_committed readers may see) is behind the high watermark.
     */
    public boolean hasOpenTransaction(String topic) {
        Map<TopicPartition, Long> stable = endOffsets(topic, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> written = endOffsets(topic, IsolationLevel.READ_UNCOMMITTED);
        return stable.entrySet().stream().anyMatch(e -> e.getValue() < written.get(e.getKey()));
    }

    /** Offsets a consumer group (or Streams application) committed on a topic; absent partitions count as 0. */
    public Map<TopicPartition, Long> committedOffsets(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions(topic)) {
            OffsetAndMetadata offset = committed.get(partition);
            offsets.put(partition, offset == null ? 0L : offset.offset());
        }
        return offsets;
    }

    /** Records of a topic not yet committed by a group: 0 once it has consumed and committed everything. */
    public long lag(String group, String topic) {
        Map<TopicPartition, Long> end = endOffsets(topic, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> committed = committedOffsets(group, topic);
        return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - committed.get(e.getKey()))).sum();
    }

    /**
     * Every record of a topic from its beginning, as a {@code read_committed} consumer sees them: waits until there
     * are at least {@code atLeast}, then reads on to the topic's last stable offset.
     */
    public <T> List<ConsumerRecord<String, T>> readAll(String topic, Deserializer<T> values, int atLeast,
            Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = List.copyOf(partitions(topic));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await("at least " + atLeast + " records on " + topic)
                    .atMost(timeout)
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                        return records.size() >= atLeast;
                    });
            Map<TopicPartition, Long> end = endOffsets(topic, IsolationLevel.READ_COMMITTED);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        admin.close();
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
