package io.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.CleanArticle;
import io.newsflow.schemas.registry.RegistryClientSettings;
import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryClients;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class CleanArticleOverKafkaIT {

    @Test
    void shouldRoundTripACleanArticleInWireFormatThroughARealRegistryAndBroker(StackEndpoints stack) throws Exception {
        String topic = "it.clean." + UUID.randomUUID();
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
        CleanArticle sent = TestRecords.cleanArticle().build();

        try (AvroSerde<CleanArticle> serde = new AvroSerde<>(CleanArticle.class)) {
            serde.configure(serdeConfig, false);
            try (KafkaProducer<String, CleanArticle> producer = new KafkaProducer<>(
                    Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                            ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), serde.serializer())) {
                producer.send(new ProducerRecord<>(topic, sent.getId(), sent)).get();
            }

            List<ConsumerRecord<String, byte[]>> received = consumeAll(stack, topic, 1);
            byte[] wire = received.getFirst().value();
            SchemaRegistryClient registry = SchemaRegistryClients.open(RegistryClientSettings.of(stack.registryUrl()));
            int registeredId = registry.latestVersion(topic + "-value").id();

            assertThat(received.getFirst().key()).isEqualTo(sent.getId());
            assertThat(wire[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(wire, 1, 4).getInt()).as("schema id").isEqualTo(registeredId);
            assertThat(serde.deserializer().deserialize(topic, wire)).isEqualTo(sent);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(StackEndpoints stack, String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).as("records read back from " + topic).hasSize(count);
        return records;
    }
}
