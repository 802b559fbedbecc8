package io.newsflow.schemas.serde;

import io.newsflow.schemas.Subjects;
import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format, registering (or looking up) the record's schema under
 * {@code <topic>-key} or {@code <topic>-value}. Thread-safe; schema ids and datum writers are cached.
 */
public final class AvroSerializer<T extends SpecificRecord> extends RegistryBacked implements Serializer<T> {
    private record TopicSchema(String topic, Schema schema) {}

    private final ConcurrentMap<TopicSchema, Integer> schemaIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private boolean autoRegister = true;

    /** Made by class name (Kafka config); {@link #configure} opens the registry. */
    public AvroSerializer() {
        super(null);
    }

    public AvroSerializer(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        autoRegister = configureRegistry(configs, isKey).autoRegisterSchemas();
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        int schemaId = schemaIds.computeIfAbsent(new TopicSchema(topic, schema), this::schemaId);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            out.writeBytes(WireFormat.header(schemaId));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, AvroSerializer::writerFor).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write a " + schema.getFullName() + " as the "
                    + WireFormat.side(isKey) + " of a record for topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    private int schemaId(TopicSchema key) {
        String subject = Subjects.forTopic(key.topic(), isKey);
        try {
            return autoRegister
                    ? registry().register(subject, key.schema())
                    : registry().lookup(subject, key.schema()).id();
        } catch (SchemaRegistryException e) {
            if (e.isUnavailable()) {
                throw new RegistryUnavailableException("Cannot write a " + key.schema().getFullName() + " for topic '"
                        + key.topic() + "' yet: the registry is unavailable. " + e.getMessage(), e);
            }
            throw new SerializationException("Cannot write a " + key.schema().getFullName() + " for topic '"
                    + key.topic() + "': " + (autoRegister ? "registering" : "looking up") + " its schema under subject '"
                    + subject + "' failed. " + e.getMessage(), e);
        }
    }

    private static <T> DatumWriter<T> writerFor(Schema schema) {
        return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }
}
