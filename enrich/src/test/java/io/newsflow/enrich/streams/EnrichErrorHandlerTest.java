package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.enrich.streams.EnrichErrorHandler.FailureClass;
import io.newsflow.enrich.streams.EnvironmentFaults.Cause;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.registry.MockSchemaRegistries;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichErrorHandlerTest {
    private static final String DLQ = "articles.dlq";
    private static final int LIMIT = 64 * 1024;
    private static final String SCOPE = "enrich-error-handler-test";

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-10T09:00:00Z"), ZoneOffset.UTC);
    private EnrichMetrics metrics;
    private EnvironmentFaults faults;
    private AvroSerde<DeadLetter> deadLetterSerde;
    private EnrichErrorHandler handler;

    /** Where the failed record came from, as Kafka Streams describes it. */
    record Source(String topic, int partition, long offset, Headers headers, byte[] sourceRawKey,
            byte[] sourceRawValue) implements ErrorHandlerContext {
        Source(byte[] value) {
            this("articles.raw", 2, 41L, new RecordHeaders(), "a1".getBytes(StandardCharsets.UTF_8), value);
        }

        @Override
        public String processorNodeId() {
            return EnrichTopology.PROCESSOR;
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }
    }

    @BeforeEach
    void configure() {
        MockSchemaRegistries.reset(SCOPE);
        deadLetterSerde = new AvroSerde<>(DeadLetter.class);
        deadLetterSerde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, MockSchemaRegistries.URL_PREFIX + SCOPE),
                false);
        metrics = EnrichMetrics.inMemory();
        faults = new EnvironmentFaults(metrics.registry(), clock, Duration.ofMinutes(1));
        handler = new EnrichErrorHandler();
        Map<String, Object> configs = new HashMap<>();
        configs.put(DeadLetterRouting.CONFIG_KEY,
                new DeadLetterRouting(DLQ, deadLetterSerde.serializer(), metrics, clock, LIMIT));
        configs.put(EnrichErrorHandler.FAULTS_CONFIG_KEY, faults);
        configs.put("max.request.size", LIMIT);
        handler.configure(configs);
    }

    @Test
    void shouldClassifyFailuresByTheirCauseEvenWhenKafkaStreamsWrapsThem() {
        assertThat(EnrichErrorHandler.classify(new StreamsException("wrapped", RegistryBackoffTest.unavailable())))
                .isEqualTo(FailureClass.REGISTRY_UNAVAILABLE);
        assertThat(EnrichErrorHandler.classify(new SerializationException("unknown schema id 9")))
                .isEqualTo(FailureClass.RECORD);
        assertThat(EnrichErrorHandler.classify(new OversizedRecordException("articles.clean", 10, 5)))
                .isEqualTo(FailureClass.TOO_LARGE);
        assertThat(EnrichErrorHandler.classify(new TimeoutException("expired"))).isEqualTo(FailureClass.KAFKA_RETRIABLE);
        assertThat(EnrichErrorHandler.classify(new NotEnoughReplicasException("isr")))
                .isEqualTo(FailureClass.KAFKA_RETRIABLE);
        assertThat(EnrichErrorHandler.classify(new IllegalStateException("bug"))).isEqualTo(FailureClass.RECORD);
    }

    @Test
    void shouldFailInsteadOfDeadLetteringWhenTheRegistryCannotBeAsked() {
        var response = handler.handleError(new Source(new byte[] {0, 0, 0, 0, 7}), consumerRecord(),
                RegistryBackoffTest.unavailable());

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(faults.isActive(Cause.SCHEMA_REGISTRY)).isTrue();
        assertThat(metrics.registry().find("newsflow.enrich.articles.dead.lettered").counter()).isNull();
    }

    @Test
    void shouldFailAProcessingErrorCausedByTheRegistryWhileWritingTheCleanArticle() {
        var response = handler.handleError(new Source(new byte[] {1}), new Record<>("a1", "raw", 0L),
                new StreamsException("Unable to serialize record", RegistryBackoffTest.unavailable()));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldStillDeadLetterARecordThatDoesNotDecode() {
        var response = handler.handleError(new Source("junk".getBytes(StandardCharsets.UTF_8)), consumerRecord(),
                new SerializationException("unknown magic byte"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        DeadLetter letter = decode(response.deadLetterQueueRecords().getFirst());
        assertThat(letter.getReason()).isEqualTo(FailureReason.UNDECODABLE);
        assertThat(letter.getOriginalValue().array()).isEqualTo("junk".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRetryTheTaskWhenKafkaDoesNotTakeARecordInTime() {
        var response = handler.handleError(new Source(new byte[] {1}),
                new ProducerRecord<>("articles.clean", new byte[] {1}, new byte[] {2}), new TimeoutException("expired"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(faults.isActive(Cause.KAFKA)).isTrue();
        assertThat(metrics.registry().counter("newsflow.enrich.environment.faults", "cause", "kafka").count())
                .isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAnOversizedCleanArticleWithTheSourceCutToFitAndGoOn() {
        byte[] raw = new byte[3 * LIMIT];
        raw[0] = 42;

        var response = handler.handleSerializationError(new Source(raw),
                new ProducerRecord<>("articles.clean", "a1", "clean"),
                new OversizedRecordException("articles.clean", 5L * LIMIT, LIMIT),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().getFirst();
        assertThat(record.topic()).isEqualTo(DLQ);
        assertThat(RegistryAwareSerdes.recordSize(record.value(), record.headers()) + record.key().length)
                .isLessThanOrEqualTo(LIMIT);
        assertThat(header(record, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(raw.length));
        DeadLetter letter = decode(record);
        assertThat(letter.getReason()).isEqualTo(FailureReason.TOO_LARGE);
        assertThat(letter.getSourceTopic()).isEqualTo("articles.raw");
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(41L);
        assertThat(letter.getMessage()).contains("articles.clean", Long.toString(5L * LIMIT), Integer.toString(LIMIT),
                "first");
        assertThat(letter.getOriginalValue().remaining()).isPositive().isLessThan(raw.length);
        assertThat(letter.getOriginalValue().get(0)).isEqualTo((byte) 42);
        assertThat(metrics.registry().counter("newsflow.enrich.articles.dead.lettered", "reason", "TOO_LARGE").count())
                .isEqualTo(1);
    }

    @Test
    void shouldDeadLetterARecordTheBrokerRefusedAsTooLarge() {
        var response = handler.handleError(new Source(null, -1, -1, new RecordHeaders(), null, null),
                new ProducerRecord<>("articles.clean", new byte[] {1}, new byte[100]),
                new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(decode(response.deadLetterQueueRecords().getFirst()).getReason()).isEqualTo(FailureReason.TOO_LARGE);
    }

    @Test
    void shouldCutTheOriginalOfAnyDeadLetterThatWouldNotFit() {
        byte[] huge = new byte[2 * LIMIT];

        var response = handler.handleError(new Source(huge), consumerRecord(), new SerializationException("corrupt"));

        ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().getFirst();
        assertThat(RegistryAwareSerdes.recordSize(record.value(), record.headers())).isLessThanOrEqualTo(LIMIT);
        DeadLetter letter = decode(record);
        assertThat(letter.getReason()).isEqualTo(FailureReason.UNDECODABLE);
        assertThat(letter.getMessage()).contains("of " + huge.length + " bytes");
        assertThat(header(record, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(huge.length));
    }

    private static ConsumerRecord<byte[], byte[]> consumerRecord() {
        return new ConsumerRecord<>("articles.raw", 2, 41L, new byte[] {1}, new byte[] {2});
    }

    private DeadLetter decode(ProducerRecord<byte[], byte[]> record) {
        return deadLetterSerde.deserializer().deserialize(record.topic(), record.value());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
