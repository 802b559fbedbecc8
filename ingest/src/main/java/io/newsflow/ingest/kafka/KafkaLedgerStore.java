package io.newsflow.ingest.kafka;

import io.newsflow.common.config.KafkaSettings;
import io.newsflow.ingest.publish.LedgerEntry;
import io.newsflow.ingest.publish.LedgerStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in a compacted topic ({@code ingest.ledgerTopic}): key = article id (or {@code item:<hash>}), value =
 * content hash (or item fingerprint). Compaction keeps the last value of each key, so the topic stays as large as
 * the ledger. Read to its end at start by a {@code read_committed} consumer with no group (assign + seek), so an
 * entry counts only once the transaction holding it (and its article) committed; written through the same
 * transactional producer as the articles ({@link KafkaTransactions}).
 */
public final class KafkaLedgerStore implements LedgerStore {
    private static final Logger log = LoggerFactory.getLogger(KafkaLedgerStore.class);

    private final KafkaSettings kafka;
    private final String topic;
    private final KafkaTransactions transactions;
    private final int partitions;

    private KafkaLedgerStore(KafkaSettings kafka, String topic, KafkaTransactions transactions, int partitions) {
        this.kafka = kafka;
        this.topic = topic;
        this.transactions = transactions;
        this.partitions = partitions;
    }

    /**
     * Creates the compacted topic if it is missing, then opens the store. {@code transactions} must be initialised
     * already: that aborts what a crashed predecessor left open, so the read at start is not held up by it.
     */
    static KafkaLedgerStore open(KafkaSettings kafka, String topic, int partitionsIfCreated,
            KafkaTransactions transactions) throws InterruptedException {
        createCompacted(kafka, topic, partitionsIfCreated);
        createCompacted(kafka, KafkaFeedGroup.instancesTopic(topic), 1);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            requireCompacted(admin, topic);
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            return new KafkaLedgerStore(kafka, topic, transactions, partitions);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the ledger topic " + topic + ": " + e.getCause(), e);
        }
    }

    /**
     * Refuses a ledger topic that deletes old records (created by hand with the broker's default policy): its
     * entries would be deleted after {@code retention.ms}, and every article they record published again.
     */
    private static void requireCompacted(Admin admin, String topic) throws InterruptedException, ExecutionException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        ConfigEntry policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String value = policy == null ? null : policy.value();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(value)) {
            throw new IllegalStateException("the ledger topic " + topic + " has " + TopicConfig.CLEANUP_POLICY_CONFIG
                    + "=" + value + "; it must be " + TopicConfig.CLEANUP_POLICY_COMPACT + " alone, or its entries are"
                    + " deleted and their articles published again (kafka-configs --alter --entity-type topics"
                    + " --entity-name " + topic + " --add-config cleanup.policy=compact)");
        }
    }

    /** Creates a compacted topic unless it exists (an existing one keeps its partitions). */
    private static void createCompacted(KafkaSettings kafka, String topic, int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            NewTopic compacted = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(compacted)).all().get();
            log.info("created the compacted topic {} with {} partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the topic " + topic + ": " + e.getCause(), e);
            }
        }
    }

    /** The ledger topic's partitions: feeds are hashed by host onto them. */
    int partitions() {
        return partitions;
    }

    @Override
    public void readAll(BiConsumer<String, String> entry) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-ingest-ledger-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null) {
                        entry.accept(record.key(), record.value()); // a null value is a tombstone
                        read++;
                    }
                }
            }
            log.info("ledger: read {} entries from {} up to offsets {}", read, topic, end.values());
        }
    }

    @Override
    public CompletableFuture<Void> write(String key, String value) {
        return write(new LedgerEntry(key, value));
    }

    @Override
    public CompletableFuture<Void> write(LedgerEntry entry) {
        return transactions.submit(List.of(KafkaArticlePublisher.ledgerRecord(topic, entry, partitions)), false);
    }

    /** The transactions are the publisher's: it closes them. */
    @Override
    public void close() {}
}
