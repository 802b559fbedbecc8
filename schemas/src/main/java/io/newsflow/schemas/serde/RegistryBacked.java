package io.newsflow.schemas.serde;

import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryClients;
import java.util.Map;

/** The registry handling the serializer and deserializer share: given, or opened from the config and then owned. */
abstract class RegistryBacked implements AutoCloseable {
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    protected boolean isKey;

    RegistryBacked(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    AvroSerdeConfig configureRegistry(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        if (registry == null) {
            registry = SchemaRegistryClients.open(config.registrySettings());
            ownsRegistry = true;
        }
        return config;
    }

    SchemaRegistryClient registry() {
        if (registry == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " first, or pass it a SchemaRegistryClient");
        }
        return registry;
    }

    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }
}
