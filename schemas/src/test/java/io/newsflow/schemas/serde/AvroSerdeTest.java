package io.newsflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.schemas.registry.InMemorySchemaRegistry;
import io.newsflow.schemas.registry.MockSchemaRegistries;
import io.newsflow.schemas.testdata.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
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
    @DisplayName("every record type comes back equal through the serde and the registry")
    <T extends SpecificRecord> void shouldRoundTripEveryRecordType(T record) {
        AvroSerde<T> serde = configuredSerde(typeOf(record));

        byte[] bytes = serde.serializer().serialize("some.topic", record);
        T back = serde.deserializer().deserialize("some.topic", bytes);

        assertThat(back).isEqualTo(record);
    }

    @Test
    @DisplayName("wire bytes are magic byte 0, the registered schema id big-endian, then Avro binary")
    void shouldWriteConfluentWireFormat() throws IOException {
        CleanArticle article = TestRecords.cleanArticle().build();

        byte[] bytes = configuredSerde(CleanArticle.class).serializer().serialize(TOPIC, article);

        int registeredId = registry.lookup("articles.clean-value", CleanArticle.getClassSchema()).id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(article));
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
    @DisplayName("a record written with an older schema reads into the current class, defaults filled in")
    void shouldReadDataWrittenWithAnOlderSchema() throws IOException {
        CleanArticle current = TestRecords.cleanArticle().build();
        Schema older = withoutFields(CleanArticle.getClassSchema(), "feedName", "tags", "ruleVersion");
        int olderId = registry.register("articles.clean-value", older);
        byte[] olderPayload = avroBinary(older, project(avroBinary(current), CleanArticle.getClassSchema(), older));

        CleanArticle read = configuredSerde(CleanArticle.class).deserializer()
                .deserialize(TOPIC, concat(WireFormat.header(olderId), olderPayload));

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
        byte[] unknownId = concat(WireFormat.header(999), new byte[] {2, 'a'});

        assertThatThrownBy(() -> configuredSerde(CleanArticle.class).deserializer().deserialize(TOPIC, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'articles.clean'")
                .hasMessageContaining("schema id 999")
                .hasMessageContaining("does not know that schema id")
                .hasMessageContaining("mock://" + SCOPE);
    }

    @Test
    void shouldRefuseToReadAnotherRecordTypeSayingWhy() {
        byte[] deadLetter = configuredSerde(DeadLetter.class).serializer().serialize(TOPIC, TestRecords.deadLetter().build());

        assertThatThrownBy(() -> configuredSerde(CleanArticle.class).deserializer().deserialize(TOPIC, deadLetter))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("written as io.newsflow.avro.DeadLetter and cannot be read as io.newsflow.avro.CleanArticle");
    }

    @Test
    @DisplayName("with auto.register.schemas=false the serializer only uses a schema that is registered already")
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
    @DisplayName("a deserializer made by class name reads into specific.avro.value.type")
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
    @DisplayName("one serializer and one deserializer serve many threads at once")
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

    /** Plain Avro binary of a generated record, written independently of the serializer under test. */
    private static byte[] avroBinary(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForSchema(record.getSchema()))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Reads {@code bytes} written with {@code writer} as generic data of the {@code reader} schema. */
    private static GenericRecord project(byte[] bytes, Schema writer, Schema reader) throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static byte[] avroBinary(Schema schema, GenericRecord datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** An older version of {@code schema}: the same, without the named fields (at any depth). */
    private static Schema withoutFields(Schema schema, String... names) throws IOException {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(schema.toString());
        removeFields(json, List.of(names));
        return new Schema.Parser().parse(json.toString());
    }

    private static void removeFields(com.fasterxml.jackson.databind.JsonNode node, List<String> names) {
        if (node.isObject() && node.has("fields")) {
            ArrayNode fields = (ArrayNode) node.get("fields");
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (names.contains(fields.get(i).get("name").asText())) {
                    fields.remove(i);
                }
            }
        }
        node.forEach(child -> removeFields(child, names));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
