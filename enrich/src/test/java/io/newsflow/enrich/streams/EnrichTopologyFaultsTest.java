package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.core.TestCleaner;
import io.newsflow.enrich.streams.EnvironmentFaults.Cause;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.registry.CompatibilityLevel;
import io.newsflow.schemas.registry.CompatibilityResult;
import io.newsflow.schemas.registry.InMemorySchemaRegistry;
import io.newsflow.schemas.registry.RegisteredSchema;
import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryException;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.stack.junit.SharedFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology's fault handling with the production wiring of serdes and handlers (TopologyTestDriver). */
class EnrichTopologyFaultsTest {
    private static final String RAW = "articles.raw";
    private static final String CLEAN = "articles.clean";
    private static final String DLQ = "articles.dlq";
    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path stateDir;

    private final InMemorySchemaRegistry schemas = new InMemorySchemaRegistry("mock://faults");
    private final SwitchableRegistry enricherRegistry = new SwitchableRegistry(schemas);
    private final AvroSerde<RawArticle> writer = new AvroSerde<>(RawArticle.class, schemas);
    private final AvroSerde<DeadLetter> reader = new AvroSerde<>(DeadLetter.class, schemas);
    private final EnrichMetrics metrics = EnrichMetrics.inMemory();
    private final EnvironmentFaults faults = new EnvironmentFaults(metrics.registry(), Clock.systemUTC(),
            Duration.ofMinutes(1));
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, CleanArticle> clean;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private String seed;

    @BeforeEach
    void start() throws Exception {
        seed = Files.readString(SharedFolder.path("samples/geneva-talks.id.txt"));
        writer.configure(Map.of(), false);
        reader.configure(Map.of(), false);
        AvroSerde<RawArticle> rawSerde = new AvroSerde<>(RawArticle.class, enricherRegistry);
        AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class, enricherRegistry);
        AvroSerde<DeadLetter> deadLetterSerde = new AvroSerde<>(DeadLetter.class, enricherRegistry);
        for (var serde : List.of(rawSerde, cleanSerde, deadLetterSerde)) {
            serde.configure(Map.of(), false);
        }
        RegistryBackoff backoff = new RegistryBackoff(Duration.ofMillis(300), Duration.ofMillis(100), faults);
        Clock clock = Clock.systemUTC();
        StreamsBuilder builder = new StreamsBuilder();
        EnrichTopology.build(builder, new EnrichTopology.Wiring(Topics.named(RAW, CLEAN, DLQ),
                RegistryAwareSerdes.waitingToRead(rawSerde, backoff),
                RegistryAwareSerdes.waitingToWrite(cleanSerde, backoff, LIMIT),
                TestCleaner.get()::clean, metrics, Duration.ofDays(7), clock, "test"));
        Properties props = EnrichTopology.streamsConfig("enrich-faults-test", new DeadLetterRouting(DLQ,
                RegistryAwareSerdes.waitingToWrite(deadLetterSerde, backoff, Integer.MAX_VALUE).serializer(), metrics,
                clock, LIMIT), faults, Duration.ofSeconds(1));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // As in EnrichTopologyTest: the driver never commits a handler's dead letter under exactly-once.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(builder.build(), props);
        raw = driver.createInputTopic(RAW, new StringSerializer(), new ByteArraySerializer());
        clean = driver.createOutputTopic(CLEAN, new StringDeserializer(), cleanSerde.deserializer());
        deadLetters = driver.createOutputTopic(DLQ, new StringDeserializer(), reader.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldHandTheRecordBackInsteadOfDeadLetteringItWhileTheRegistryIsDown() {
        byte[] article = writer.serializer().serialize(RAW, RawArticles.text("a1", seed));
        enricherRegistry.down = true;

        assertThatThrownBy(() -> raw.pipeInput("a1", article)).isInstanceOf(StreamsException.class)
                .hasRootCauseInstanceOf(SchemaRegistryException.class);

        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(clean.isEmpty()).isTrue();
        assertThat(faults.isActive(Cause.SCHEMA_REGISTRY)).isTrue();
        assertThat(metrics.registry().counter("newsflow.enrich.environment.faults", "cause", "schema-registry").count())
                .isGreaterThanOrEqualTo(2);

        // Kafka Streams would now replace the thread and read the record again from the committed offset.
        enricherRegistry.down = false;
        raw.pipeInput("a1", article);

        assertThat(clean.readRecord().key()).isEqualTo("a1");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(faults.isActive(Cause.SCHEMA_REGISTRY)).isFalse();
    }

    @Test
    void shouldDeadLetterAnOversizedCleanArticleOnceAndGoOnWithTheNextRecord() {
        String huge = seed + ("\n\nPara diplomat bertemu lagi di Jenewa pada hari Selasa untuk membahas keamanan"
                + " kawasan dan jalan keluar dari krisis yang berkepanjangan.").repeat(1500);
        RawArticle big = RawArticles.text("big", huge);
        raw.pipeInput("big", writer.serializer().serialize(RAW, big));
        raw.pipeInput("a2", writer.serializer().serialize(RAW, RawArticles.text("a2", seed)));

        TestRecord<String, DeadLetter> letter = deadLetters.readRecord();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(letter.value().getReason()).isEqualTo(FailureReason.TOO_LARGE);
        assertThat(letter.value().getSourceTopic()).isEqualTo(RAW);
        assertThat(letter.value().getSourceOffset()).isEqualTo(0L);
        assertThat(letter.value().getMessage()).contains(CLEAN, "over the limit of " + LIMIT);
        assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_SIZE).value(),
                StandardCharsets.UTF_8)).isEqualTo(Integer.toString(writer.serializer().serialize(RAW, big).length));
        assertThat(clean.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("a2");
    }

    /** The in-memory registry, which stops answering (as with no connection) while {@link #down}. */
    static final class SwitchableRegistry implements SchemaRegistryClient {
        private final InMemorySchemaRegistry delegate;
        volatile boolean down;

        SwitchableRegistry(InMemorySchemaRegistry delegate) {
            this.delegate = delegate;
        }

        private void answer(String action) {
            if (down) {
                throw new SchemaRegistryException(url(), action, null, SchemaRegistryException.NO_ANSWER,
                        SchemaRegistryException.NO_ANSWER, "connection refused", null);
            }
        }

        @Override
        public int register(String subject, Schema schema) {
            answer("register");
            return delegate.register(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            answer("fetch schema " + id);
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema version(String subject, int version) {
            answer("fetch a version");
            return delegate.version(subject, version);
        }

        @Override
        public RegisteredSchema latestVersion(String subject) {
            answer("fetch the latest version");
            return delegate.latestVersion(subject);
        }

        @Override
        public RegisteredSchema lookup(String subject, Schema schema) {
            answer("look up");
            return delegate.lookup(subject, schema);
        }

        @Override
        public CompatibilityResult testCompatibility(String subject, Schema schema) {
            answer("test compatibility");
            return delegate.testCompatibility(subject, schema);
        }

        @Override
        public CompatibilityLevel compatibility(String subject) {
            answer("read compatibility");
            return delegate.compatibility(subject);
        }

        @Override
        public void setCompatibility(String subject, CompatibilityLevel level) {
            answer("set compatibility");
            delegate.setCompatibility(subject, level);
        }

        @Override
        public String url() {
            return delegate.url();
        }
    }
}
