package io.newsflow.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.DeadLetter;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.registry.MockSchemaRegistries;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.sink.offsets.OffsetLedger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaDeadLetterPublisherTest {
    private static final String SCOPE = "kafka-dead-letter-publisher-test";
    private static final int LIMIT = 64 * 1024;

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AvroSerde<DeadLetter> serde = new AvroSerde<>(DeadLetter.class);
    private final List<Exception> acknowledged = new ArrayList<>();

    @AfterEach
    void forgetRegistry() {
        MockSchemaRegistries.reset(SCOPE);
    }

    private KafkaDeadLetterPublisher publisher() {
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE), false);
        return new KafkaDeadLetterPublisher(producer, serde.serializer(), "articles.dlq", DeadLetterHeaders::of, LIMIT);
    }

    private static PendingRecord recordOf(int valueBytes) {
        return new PendingRecord(new OffsetLedger.Ticket<>(new TopicPartition("articles.clean", 0), 7L, 1),
                "a1".getBytes(StandardCharsets.UTF_8), new byte[valueBytes], Map.of(), "a1");
    }

    private void publish(PendingRecord record) {
        DeadLetter letter = SinkDeadLetters.rejected(record, "mapper_parsing_exception", "failed to parse",
                Instant.parse("2025-03-01T12:00:00Z"));
        publisher().publish(record, letter, e -> acknowledged.add(e));
    }

    @Test
    void shouldCutAnOriginalThatWouldMakeTheDeadLetterTooLargeAndSaySo() {
        publish(recordOf(3 * LIMIT));

        ProducerRecord<byte[], byte[]> sent = producer.history().getFirst();
        DeadLetter letter = serde.deserializer().deserialize("articles.dlq", sent.value());
        assertThat(sent.value().length).isLessThan(LIMIT);
        assertThat(letter.getOriginalValue().remaining()).isPositive().isLessThan(LIMIT);
        assertThat(letter.getMessage()).contains("originalValue holds its first")
                .contains("of " + 3 * LIMIT + " bytes");
        assertThat(new String(sent.headers().lastHeader(DeadLetterHeaders.ORIGINAL_SIZE).value(),
                StandardCharsets.UTF_8)).isEqualTo(Integer.toString(3 * LIMIT));
        assertThat(acknowledged).containsExactly((Exception) null);
    }

    @Test
    void shouldKeepAnOriginalThatFitsWhole() {
        publish(recordOf(1000));

        ProducerRecord<byte[], byte[]> sent = producer.history().getFirst();
        DeadLetter letter = serde.deserializer().deserialize("articles.dlq", sent.value());
        assertThat(letter.getOriginalValue().remaining()).isEqualTo(1000);
        assertThat(letter.getMessage()).isEqualTo("failed to parse");
        assertThat(sent.headers().lastHeader(DeadLetterHeaders.ORIGINAL_SIZE)).isNull();
    }
}
