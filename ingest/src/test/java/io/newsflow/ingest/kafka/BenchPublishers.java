package io.newsflow.ingest.kafka;

import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.ingest.config.PublishSettings;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.ingest.publish.LedgerEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The publishers {@code IngestBench --kafka} compares, on a real broker. */
public final class BenchPublishers {
    private BenchPublishers() {}

    /** The production publisher: one transaction per {@code commitInterval}, at most {@code maxPerTransaction}. */
    public static ArticlePublisher transactional(KafkaSettings kafka, String rawTopic, String ledgerTopic,
            Serializer<RawArticle> values, Duration commitInterval, int maxPerTransaction)
            throws InterruptedException {
        PublishSettings publish = new PublishSettings("bench", ledgerTopic + ".bench", commitInterval,
                maxPerTransaction, Duration.ofSeconds(30));
        Map<String, Object> config = KafkaArticlePublisher.producerConfig(kafka, "bench-" + ledgerTopic);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, publish.transactionalId());
        KafkaTransactions transactions = new KafkaTransactions(
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                publish.transactionalId(), publish, CrashSeam.INERT, (reason, cause) -> {
                    throw new IllegalStateException(reason, cause);
                });
        return new KafkaArticlePublisher(transactions, rawTopic, ledgerTopic, values);
    }

    /**
     * The publisher before transactions, for comparison: the same idempotent producer settings, the article sent
     * and acknowledged, then its ledger entries sent without waiting (what a crash between the two repeated).
     */
    public static ArticlePublisher untransacted(KafkaSettings kafka, String rawTopic, String ledgerTopic,
            Serializer<RawArticle> values) {
        Producer<String, byte[]> producer = new KafkaProducer<>(
                KafkaArticlePublisher.producerConfig(kafka, "bench-plain-" + ledgerTopic), new StringSerializer(),
                new ByteArraySerializer());
        return new ArticlePublisher() {
            @Override
            public CompletableFuture<Void> publish(RawArticle article, List<LedgerEntry> ledgerEntries) {
                // As before the transactions: wait for the article's acknowledgement on the item's thread, then
                // send its ledger entries without waiting (never from the producer's own network thread).
                try {
                    producer.send(new ProducerRecord<>(rawTopic, article.getId(),
                            values.serialize(rawTopic, article))).get();
                } catch (ExecutionException e) {
                    return CompletableFuture.failedFuture(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(e);
                }
                ledgerEntries.forEach(entry -> producer.send(KafkaArticlePublisher.ledgerRecord(ledgerTopic, entry, 0)));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
