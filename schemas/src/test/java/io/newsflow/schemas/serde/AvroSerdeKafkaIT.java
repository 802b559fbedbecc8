package io.newsflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.registry.RegistryClientSettings;
import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryClients;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records through the real broker and the real registry, with the serdes made by class name from the client config
 * as any Kafka client would (the plain CleanArticle round trip is {@code CleanArticleOverKafkaIT}).
 */
@ExtendWith(StackExtension.class)
class AvroSerdeKafkaIT {

    @Test
    void shouldRoundTripADeadLetterWithHeaders(StackEndpoints endpoints) throws Exception {
        String topic = newTopic(endpoints);
        DeadLetter letter = TestRecords.deadLetter().build();

        try (var producer = new KafkaProducer<String, DeadLetter>(producerConfig(endpoints, AvroSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, null, letter.getArticleId(), letter, DeadLetterHeaders.of(letter)))
                    .get();
        }

        ConsumerRecord<String, DeadLetter> consumed = consumeOne(endpoints, topic, DeadLetter.class);
        assertThat(consumed.value()).isEqualTo(letter);
        assertThat(new String(consumed.headers().lastHeader(DeadLetterHeaders.STAGE).value())).isEqualTo("ENRICH");
    }

    @Test
    void shouldReadARecordWrittenWithAnEarlierSchemaVersion(StackEndpoints endpoints) throws Exception {
        String topic = newTopic(endpoints);
        CleanArticle article = TestRecords.cleanArticle().build();
        Schema earlier = EarlierVersions.without(CleanArticle.getClassSchema(), "feedName", "tags", "ruleVersion");
        int earlierId;
        try (SchemaRegistryClient registry = SchemaRegistryClients.open(RegistryClientSettings.of(endpoints.registryUrl()))) {
            earlierId = registry.register(topic + "-value", earlier);
        }
        byte[] olderProducersBytes = EarlierVersions.withHeader(earlierId, EarlierVersions.writtenWith(earlier, article));

        try (var producer = new KafkaProducer<String, byte[]>(producerConfig(endpoints, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, article.getId(), olderProducersBytes)).get();
        }

        CleanArticle read = consumeOne(endpoints, topic, CleanArticle.class).value();
        assertThat(read).isEqualTo(CleanArticle.newBuilder(article)
                .setFeedName(null)
                .setTags(List.of())
                .setSpamRemoved(List.of(SpamRemoval.newBuilder(article.getSpamRemoved().getFirst()).setRuleVersion(1)
                        .build()))
                .build());
    }

    private static String newTopic(StackEndpoints endpoints) throws Exception {
        String topic = "serde-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static Map<String, Object> producerConfig(StackEndpoints endpoints, Class<?> valueSerializer) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl());
    }

    /** Reads the topic's first record with an {@link AvroDeserializer} made by class name, as a consumer config would. */
    private static <T extends SpecificRecord> ConsumerRecord<String, T> consumeOne(StackEndpoints endpoints, String topic,
            Class<T> type) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl(),
                AvroSerdeConfig.SPECIFIC_VALUE_TYPE, type);
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, T>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records.getFirst();
    }
}
