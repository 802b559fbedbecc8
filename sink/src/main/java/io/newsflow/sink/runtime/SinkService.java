package io.newsflow.sink.runtime;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.schemas.Topics;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.RecordSizes;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.sink.ElasticsearchClients;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.index.IndexSetup;
import io.newsflow.sink.write.KafkaDeadLetterPublisher;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Wires the sink from configuration: Elasticsearch clients, index setup (run by the sink's thread, so a sink started
 * before Elasticsearch waits for it), consumer, dead-letter producer.
 */
public final class SinkService {

    private SinkService() {}

    /** Starts the sink; what it returns stops it cleanly (flush, commit what was acknowledged, close). */
    public static AutoCloseable start(ServiceContext context, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, SinkSettings settings) throws Exception {
        return start(context, kafka, registry, topics, settings, true);
    }

    /**
     * Starts a sink that writes through an alias the caller prepared (a replay's new index generation): it installs
     * no template and creates no index, so the live sink's template and alias stay as they are.
     */
    public static AutoCloseable startOnPreparedAlias(ServiceContext context, KafkaSettings kafka,
            RegistrySettings registry, Topics topics, SinkSettings settings) throws Exception {
        return start(context, kafka, registry, topics, settings, false);
    }

    private static AutoCloseable start(ServiceContext context, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, SinkSettings settings, boolean managesIndex) throws Exception {
        ElasticsearchClients elasticsearch = ElasticsearchClients.connect(settings.elasticsearch());

        AvroSerde<CleanArticle> articles = new AvroSerde<>(CleanArticle.class);
        articles.configure(registry.serdeConfig(), false);
        AvroSerde<DeadLetter> deadLetters = new AvroSerde<>(DeadLetter.class);
        deadLetters.configure(registry.serdeConfig(), false);

        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafka, settings),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(kafka),
                new ByteArraySerializer(), new ByteArraySerializer());

        ArticleSink sink = ArticleSink.builder()
                .settings(settings)
                .topic(topics.clean().name())
                .consumer(consumer)
                .deserializer(articles.deserializer())
                .elasticsearch(elasticsearch.async())
                .deadLetters(new KafkaDeadLetterPublisher(producer, deadLetters.serializer(), topics.deadLetters().name(),
                        DeadLetterHeaders::of))
                .meters(context.meters())
                .indexSetup(managesIndex ? new IndexSetup(elasticsearch.blocking(), settings.index().template(),
                        settings.index().alias()) : null)
                .onFatal(error -> context.fail(error.getMessage(), error))
                .build();
        context.health("sink", sink.health());
        sink.start();
        return () -> {
            sink.close();
            elasticsearch.close();
            articles.close();
            deadLetters.close();
        };
    }

    static Map<String, Object> consumerConfig(KafkaSettings kafka, SinkSettings settings) {
        Map<String, Object> config = kafka.committedReaderConfig("newsflow-sink"); // articles.clean: transactions
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One poll never brings more than the in-memory bound allows.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, settings.maxInFlight()));
        return config;
    }

    static Map<String, Object> producerConfig(KafkaSettings kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-sink-dlq");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        RecordSizes.producerConfigs().forEach(config::putIfAbsent);
        return config;
    }
}
