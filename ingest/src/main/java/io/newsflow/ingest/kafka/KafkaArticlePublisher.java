package io.newsflow.ingest.kafka;

import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.ops.Health;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.ingest.publish.LedgerEntry;
import io.newsflow.schemas.RecordSizes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Sends raw articles to {@code topics.raw}, keyed by article id, each in one Kafka transaction with its ledger
 * entries on the ledger topic ({@link KafkaTransactions}): a reader of either topic with
 * {@code isolation.level=read_committed} sees an article exactly when the ledger has it. The Avro value is
 * serialised here, on the caller's thread, so that a registry that does not answer holds up only that item.
 */
public final class KafkaArticlePublisher implements ArticlePublisher {
    private final KafkaTransactions transactions;
    private final String topic;
    private final String ledgerTopic;
    private final Serializer<RawArticle> values;
    private final int ledgerPartitions;

    KafkaArticlePublisher(KafkaTransactions transactions, String topic, String ledgerTopic,
            Serializer<RawArticle> values) {
        this(transactions, topic, ledgerTopic, values, 0);
    }

    /** @param ledgerPartitions the ledger topic's partitions, onto which entries are routed by feed host; 0: by key */
    KafkaArticlePublisher(KafkaTransactions transactions, String topic, String ledgerTopic,
            Serializer<RawArticle> values, int ledgerPartitions) {
        this.transactions = transactions;
        this.topic = topic;
        this.ledgerTopic = ledgerTopic;
        this.values = values;
        this.ledgerPartitions = ledgerPartitions;
    }

    /** Every ingest producer: idempotent, acknowledged by all in-sync replicas, batched a little. */
    static Map<String, Object> producerConfig(KafkaSettings kafka, String clientId) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        RecordSizes.producerConfigs().forEach(config::putIfAbsent);
        return config;
    }

    @Override
    public CompletableFuture<Void> publish(RawArticle article, List<LedgerEntry> ledgerEntries) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(1 + ledgerEntries.size());
        try {
            // Serialization or registry errors are thrown here; the item is tried again at the next poll.
            records.add(new ProducerRecord<>(topic, article.getId(), values.serialize(topic, article)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ledgerEntries.forEach(entry -> records.add(ledgerRecord(ledgerTopic, entry, ledgerPartitions)));
        return transactions.submit(records, true);
    }

    /**
     * The entry's record: on its feed's partition ({@link LedgerPartitions}) when it has a route and the partitions are
     * known, so the feed's owner restores it; else where the key hashes.
     */
    static ProducerRecord<String, byte[]> ledgerRecord(String ledgerTopic, LedgerEntry entry, int partitions) {
        Integer partition = entry.route() != null && partitions > 0 ? LedgerPartitions.of(entry.route(), partitions)
                : null;
        byte[] value = entry.isTombstone() ? null : entry.value().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(ledgerTopic, partition, entry.key(), value);
    }

    @Override
    public void flush() {
        // Every unit waits for its own commit: nothing is buffered beyond what the transaction thread holds.
    }

    @Override
    public Health health() {
        return transactions.health();
    }

    @Override
    public void close() {
        transactions.close();
    }
}
