package io.newsflow.schemas.serde;

import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link AvroSerializer} and {@link AvroDeserializer} for one record class, sharing one registry client. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final Class<T> type;
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroSerializer<T> serializer;
    private AvroDeserializer<T> deserializer;

    /** {@link #configure} opens the registry from {@code schema.registry.url}. */
    public AvroSerde(Class<T> type) {
        this.type = type;
    }

    public AvroSerde(Class<T> type, SchemaRegistryClient registry) {
        this.type = type;
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistryClients.open(new AvroSerdeConfig(configs).registrySettings());
            ownsRegistry = true;
        }
        serializer = new AvroSerializer<>(registry);
        deserializer = new AvroDeserializer<>(type, registry);
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return configured(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return configured(deserializer);
    }

    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }

    private <S> S configured(S part) {
        if (part == null) {
            throw new IllegalStateException("AvroSerde<" + type.getSimpleName() + "> is not configured: call"
                    + " configure() with " + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " first");
        }
        return part;
    }
}
