package io.newsflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.schemas.registry.InMemorySchemaRegistry;
import io.newsflow.schemas.registry.MockSchemaRegistries;
import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryException;
import io.newsflow.schemas.testdata.TestRecords;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {
    private static final String SCOPE = "avro-serde-test";
    private static final String TOPIC = "articles.clean";
    private static final Map<String, Object> CONFIG = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    private final InMemorySchemaRegistry registry = MockSchemaRegistries.scope(SCOPE);

    @AfterEach
    void forgetRegistry() {
        MockSchemaRegistries.reset(SCOPE);
    }

    static Stream<SpecificRecord> everyRecordType() {
        return Stream.of(
                TestRecords.rawArticle().build(),
                TestRecords.cleanArticle().build(),
                TestRecords.cleanArticle().setStatements(List.of(TestRecords.statement().setSpeaker(null).setVia(null)
                        .build())).setSpamRemoved(List.of()).setPublishedAt(null).setLanguage(null).build(),
                TestRecords.deadLetter().build());
    }

    @ParameterizedTest
    @MethodSource("everyRecordType")
    <T extends SpecificRecord> void shouldRoundTripEveryRecordType(T record) {
        AvroSerde<T> serde = configuredSerde(typeOf(record));

        byte[] bytes = serde.serializer().serialize("some.topic", record);
        T back = serde.deserializer().deserialize("some.topic", bytes);

        assertThat(back).isEqualTo(record);
    }

    @Test
    void shouldWriteConfluentWireFormat() throws IOException {
        CleanArticle article = TestRecords.cleanArticle().build();

        byte[] bytes = configuredSerde(CleanArticle.class).serializer().serialize(TOPIC, article);

        int registeredId = registry.lookup("articles.clean-value", CleanArticle.getClassSchema()).id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(EarlierVersions.avroBinary(article));
    }

    @Test
    void shouldRegisterKeysUnderTheKeySubject() {
        AvroSerializer<CleanArticle> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, true);

        serializer.serialize(TOPIC, TestRecords.cleanArticle().build());

        assertThat(registry.latestVersion("articles.clean-key").schema()).isEqualTo(CleanArticle.getClassSchema());
    }

    @Test
    void shouldPassTombstonesThrough() {
        AvroSerde<CleanArticle> serde = configuredSerde(CleanArticle.class);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldReadDataWrittenWithAnOlderSchema() throws IOException {
        CleanArticle current = TestRecords.cleanArticle().build();
        Schema older = EarlierVersions.without(CleanArticle.getClassSchema(), "feedName", "tags", "ruleVersion");
        int olderId = registry.register("articles.clean-value", older);
        byte[] olderBytes = EarlierVersions.withHeader(olderId, EarlierVersions.writtenWith(older, current));

        CleanArticle read = configuredSerde(CleanArticle.class).deserializer().deserialize(TOPIC, olderBytes);

        assertThat(read).isEqualTo(CleanArticle.newBuilder(current)
                .setFeedName(null)
                .setTags(List.of())
                .setSpamRemoved(List.of(SpamRemoval.newBuilder(current.getSpamRemoved().getFirst()).setRuleVersion(1)
                        .build()))
                .build());
    }

    @Test
    void shouldRefuseAWrongMagicByteNamingTopicAndFormat() {
        byte[] json = "{\"id\":\"secret\"}".getBytes();

        assertThatThrownBy(() -> configuredSerde(CleanArticle.class).deserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'articles.clean'")
                .hasMessageContaining("unknown magic byte 0x7b")
                .hasMessageContaining("not written in the Confluent Avro wire format")
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldRefuseDataShorterThanTheHeader() {
        assertThatThrownBy(() -> configuredSerde(CleanArticle.class).deserializer().deserialize(TOPIC, new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'articles.clean'")
                .hasMessageContaining("2 bytes is shorter than the Confluent wire format header");
    }

    @Test
    void shouldRefuseTruncatedAvroDataWithoutDumpingIt() {
        AvroSerde<CleanArticle> serde = configuredSerde(CleanArticle.class);
        byte[] whole = serde.serializer().serialize(TOPIC, TestRecords.cleanArticle().build());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'articles.clean'")
                .hasMessageContaining("truncated or corrupt")
                .hasMessageNotContaining("Dock workers");
    }

    @Test
    void shouldNameTheRegistryWhenTheSchemaIdIsUnknown() {
        byte[] unknownId = EarlierVersions.withHeader(999, new byte[] {2, 'a'});

        assertThatThrownBy(() -> configuredSerde(CleanArticle.class).deserializer().deserialize(TOPIC, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'articles.clean'")
                .hasMessageContaining("schema id 999")
                .hasMessageContaining("does not know that schema id")
                .hasMessageContaining("mock://" + SCOPE);
    }

    @Test
    void shouldTellAnUnavailableRegistryFromAnUnknownSchemaId() {
        byte[] bytes = configuredSerde(CleanArticle.class).serializer().serialize(TOPIC, TestRecords.cleanArticle().build());
        SchemaRegistryClient down = (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
                    throw new SchemaRegistryException("http://127.0.0.1:1", "fetch schema id", null,
                            SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, "connection refused",
                            null);
                });
        AvroDeserializer<CleanArticle> deserializer = new AvroDeserializer<>(CleanArticle.class, down);
        deserializer.configure(CONFIG, false);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(RegistryUnavailableException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("topic 'articles.clean'")
                .hasMessageContaining("registry is unavailable")
                .hasMessageContaining("connection refused");
    }

    @Test
    void shouldRefuseToReadAnotherRecordTypeSayingWhy() {
        byte[] deadLetter = configuredSerde(DeadLetter.class).serializer().serialize(TOPIC, TestRecords.deadLetter().build());

        assertThatThrownBy(() -> configuredSerde(CleanArticle.class).deserializer().deserialize(TOPIC, deadLetter))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("written as io.newsflow.avro.DeadLetter and cannot be read as io.newsflow.avro.CleanArticle");
    }

    @Test
    void shouldOnlyLookUpSchemasWhenAutoRegisterIsOff() {
        Map<String, Object> config = new HashMap<>(CONFIG);
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        AvroSerializer<RawArticle> serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        RawArticle article = TestRecords.rawArticle().build();

        assertThatThrownBy(() -> serializer.serialize("articles.raw", article))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("looking up its schema under subject 'articles.raw-value' failed")
                .hasMessageContaining("mock://" + SCOPE);

        int id = registry.register("articles.raw-value", RawArticle.getClassSchema());
        assertThat(ByteBuffer.wrap(serializer.serialize("articles.raw", article), 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void shouldTakeTheRecordClassFromConfig() {
        Map<String, Object> config = new HashMap<>(CONFIG);
        config.put(AvroSerdeConfig.SPECIFIC_VALUE_TYPE, CleanArticle.class.getName());
        Deserializer<CleanArticle> deserializer = new AvroDeserializer<>();
        deserializer.configure(config, false);
        CleanArticle article = TestRecords.cleanArticle().build();

        byte[] bytes = configuredSerde(CleanArticle.class).serializer().serialize(TOPIC, article);

        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(article);
    }

    @Test
    void shouldExplainMissingConfiguration() {
        assertThatThrownBy(() -> new AvroDeserializer<>().configure(CONFIG, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SPECIFIC_VALUE_TYPE);
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        assertThatThrownBy(() -> new AvroSerde<>(CleanArticle.class).serializer())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void shouldBeThreadSafe() throws Exception {
        AvroSerde<CleanArticle> serde = configuredSerde(CleanArticle.class);
        Serializer<CleanArticle> serializer = serde.serializer();
        Deserializer<CleanArticle> deserializer = serde.deserializer();
        List<Callable<Boolean>> tasks = IntStream.range(0, 400).<Callable<Boolean>>mapToObj(i -> () -> {
            CleanArticle article = TestRecords.cleanArticle().setId("article-" + i).setWordCount(i).build();
            return deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, article)).equals(article);
        }).toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = pool.invokeAll(tasks);
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(registry.latestVersion("articles.clean-value").version()).isEqualTo(1);
    }

    private <T extends SpecificRecord> AvroSerde<T> configuredSerde(Class<T> type) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        serde.configure(CONFIG, false);
        return serde;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> Class<T> typeOf(T record) {
        return (Class<T>) record.getClass();
    }
}
