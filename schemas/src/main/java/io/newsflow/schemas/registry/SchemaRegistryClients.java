package io.newsflow.schemas.registry;

/** Opens the right client for a URL: in-memory for {@code mock://<scope>}, cached HTTP otherwise. */
public final class SchemaRegistryClients {
    private SchemaRegistryClients() {}

    public static SchemaRegistryClient open(RegistryClientSettings settings) {
        if (settings.isMock()) {
            return MockSchemaRegistries.forUrl(settings.url());
        }
        return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(settings));
    }
}
