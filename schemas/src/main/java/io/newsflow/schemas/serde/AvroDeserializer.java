package io.newsflow.schemas.serde;

import io.newsflow.schemas.evolution.AvroCompatibility;
import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire format records into a generated Avro class. The writer's schema is fetched by id and
 * resolved against the class's schema, so data written with an older compatible schema reads into the current
 * class. Thread-safe; one datum reader is kept per writer schema id.
 */
public final class AvroDeserializer<T extends SpecificRecord> extends RegistryBacked implements Deserializer<T> {
    private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private Class<T> type;
    private SpecificData model;
    private Schema readerSchema;

    /** Made by class name (Kafka config): the record class comes from {@code specific.avro.value.type}. */
    public AvroDeserializer() {
        super(null);
    }

    public AvroDeserializer(Class<T> type) {
        this(type, null);
    }

    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        super(registry);
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = configureRegistry(configs, isKey);
        if (type == null) {
            Class<?> configured = config.specificType(isKey);
            String key = isKey ? AvroSerdeConfig.SPECIFIC_KEY_TYPE : AvroSerdeConfig.SPECIFIC_VALUE_TYPE;
            if (configured == null || !SpecificRecord.class.isAssignableFrom(configured)) {
                throw new ConfigException(key, configured, "the Avro deserializer needs a generated record class to"
                        + " read into, e.g. io.newsflow.avro.CleanArticle");
            }
            type = (Class<T>) configured;
        }
        model = SpecificData.getForClass(type);
        readerSchema = model.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (readerSchema == null) {
            throw new IllegalStateException("AvroDeserializer is not configured: call configure() first");
        }
        int schemaId = WireFormat.schemaId(data, topic, isKey);
        DatumReader<T> reader = readers.computeIfAbsent(schemaId, id -> readerFor(id, topic));
        try {
            return reader.read(null, DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(cannotRead(topic, schemaId) + ": the Avro data is truncated or corrupt ("
                    + data.length + " bytes in all)", e);
        }
    }

    private DatumReader<T> readerFor(int schemaId, String topic) {
        Schema writerSchema;
        try {
            writerSchema = registry().schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isUnavailable()) {
                throw new RegistryUnavailableException(cannotRead(topic, schemaId) + " yet: the registry is"
                        + " unavailable. " + e.getMessage(), e);
            }
            throw new SerializationException(cannotRead(topic, schemaId) + ": "
                    + (e.isNotFound() ? "the registry does not know that schema id, so it was not written through it."
                            : "fetching the writer's schema failed.") + " " + e.getMessage(), e);
        }
        List<String> problems = AvroCompatibility.problems(readerSchema, writerSchema);
        if (!problems.isEmpty()) {
            throw new SerializationException(cannotRead(topic, schemaId) + ": it was written as "
                    + writerSchema.getFullName() + " and cannot be read as " + readerSchema.getFullName() + ": "
                    + String.join("; ", problems));
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema, model);
    }

    private String cannotRead(String topic, int schemaId) {
        return "Cannot read the " + WireFormat.side(isKey) + " of a record from topic '" + topic
                + "' written with schema id " + schemaId + " as " + type.getSimpleName();
    }
}
