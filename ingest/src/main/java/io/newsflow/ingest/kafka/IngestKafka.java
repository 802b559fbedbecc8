package io.newsflow.ingest.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.ingest.IngestService;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole Kafka wiring of ingest: the transactional producer (initialised first, so that it fences a predecessor
 * with the same id and aborts what that one left open), the ledger read with read_committed, the publisher, then
 * the service.
 */
public final class IngestKafka {
    private IngestKafka() {}

    /**
     * @param onFatal told when publishing cannot go on (the producer was fenced by another instance): the caller
     *     stops the service ({@code ServiceContext::fail})
     */
    public static IngestService start(IngestSettings settings, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, Fetching fetching, Path configFile, Map<String, String> env,
            MeterRegistry meters, BiConsumer<String, Throwable> onFatal) throws IOException, InterruptedException {
        AvroSerializer<RawArticle> values = new AvroSerializer<>();
        values.configure(registry.serdeConfig(), false);
        KafkaTransactions transactions = transactions(settings, kafka, CrashSeam.fromSystemProperties(), onFatal);
        FunctionCounter.builder("newsflow.ingest.publish.transaction.retries", transactions,
                        KafkaTransactions::retries)
                .description("Transactions aborted by a fault of the broker and sent again")
                .register(meters);
        FunctionCounter.builder("newsflow.ingest.publish.transaction.fenced.by.group", transactions,
                        KafkaTransactions::fencedByGroup)
                .description("Transactions refused by the group coordinator after a rebalance (their items are"
                        + " tried again by their feed's owner)")
                .register(meters);
        try {
            KafkaLedgerStore ledger = KafkaLedgerStore.open(kafka, settings.ledgerTopic(),
                    settings.group().ledgerPartitions(), transactions);
            KafkaArticlePublisher publisher = new KafkaArticlePublisher(transactions, topics.raw().name(),
                    settings.ledgerTopic(), values, ledger.partitions());
            KafkaFeedGroup group = new KafkaFeedGroup(kafka, settings.ledgerTopic(), settings.group(),
                    settings.publish().instanceName(), ledger.partitions(), transactions);
            return IngestService.start(settings, configFile, env,
                    new IngestService.Parts(fetching, publisher, ledger, meters, Clock.systemUTC(), group));
        } catch (IOException | InterruptedException | RuntimeException e) {
            transactions.close();
            throw e;
        }
    }

    /** The one producer of ingest, transactional under {@code ingest.publish.transactionalId}. */
    static KafkaTransactions transactions(IngestSettings settings, KafkaSettings kafka, CrashSeam seam,
            BiConsumer<String, Throwable> onFatal) throws InterruptedException {
        String id = settings.publish().transactionalId();
        Map<String, Object> config = KafkaArticlePublisher.producerConfig(kafka, "newsflow-ingest-" + id);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        try {
            return new KafkaTransactions(producer, id, settings.publish(), seam, onFatal);
        } catch (InterruptedException | RuntimeException e) {
            producer.close();
            throw e;
        }
    }
}
