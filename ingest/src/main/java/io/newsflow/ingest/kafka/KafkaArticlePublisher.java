package io.newsflow.ingest.kafka;

import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.schemas.RecordSizes;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends raw articles to {@code topics.raw}, keyed by article id, with an idempotent producer (acks=all). */
public final class KafkaArticlePublisher implements ArticlePublisher {
    private final Producer<String, RawArticle> producer;
    private final String topic;

    public KafkaArticlePublisher(Producer<String, RawArticle> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static KafkaArticlePublisher create(KafkaSettings kafka, String topic, Serializer<RawArticle> values) {
        return new KafkaArticlePublisher(
                new KafkaProducer<>(producerConfig(kafka, "newsflow-ingest-articles"), new StringSerializer(), values),
                topic);
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
    public CompletableFuture<Void> publish(RawArticle article) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, article.getId(), article), (metadata, error) -> {
                if (error != null) {
                    acknowledged.completeExceptionally(error);
                } else {
                    acknowledged.complete(null);
                }
            });
        } catch (RuntimeException e) {
            // Serialization or registry errors are thrown by send() itself.
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
