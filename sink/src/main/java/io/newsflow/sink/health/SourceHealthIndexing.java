package io.newsflow.sink.health;

import io.newsflow.avro.SourceHealth;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.sink.ElasticsearchClients;
import io.newsflow.sink.SinkSettings;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Wires {@link SourceHealthIndexer} in the sink service: its own consumer group, its own Elasticsearch client. */
public final class SourceHealthIndexing {
    private SourceHealthIndexing() {}

    /** Starts indexing {@code topics.health()}; what it returns stops it. */
    public static AutoCloseable start(ServiceContext context, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, SinkSettings.Elasticsearch elasticsearch, SourceHealthIndexSettings settings) {
        ElasticsearchClients clients = ElasticsearchClients.connect(elasticsearch);
        AvroSerde<SourceHealth> serde = new AvroSerde<>(SourceHealth.class);
        serde.configure(registry.serdeConfig(), false);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafka, settings),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        SourceHealthIndexer indexer = new SourceHealthIndexer(consumer, serde.deserializer(), clients.blocking(),
                settings, topics.health().name());
        context.health("source-health-index", indexer.health());
        indexer.start();
        return () -> {
            indexer.close();
            clients.close();
            serde.close();
        };
    }

    static Map<String, Object> consumerConfig(KafkaSettings kafka, SourceHealthIndexSettings settings) {
        // sources.health is written in exactly-once transactions
        Map<String, Object> config = kafka.committedReaderConfig("newsflow-sink-source-health");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return config;
    }
}
