package io.newsflow.schemas.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Remembers what never changes in a registry: id to schema, (subject, schema) to id, and numbered versions. The
 * latest version, compatibility checks and levels always go to the registry.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {
    private record SubjectSchema(String subject, Schema schema) {}

    private record SubjectVersion(String subject, int version) {}

    private final SchemaRegistryClient registry;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectVersion, RegisteredSchema> versions = new ConcurrentHashMap<>();

    public CachingSchemaRegistryClient(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            int id = registry.register(subject, schema);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, registry::schemaById);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return versions.computeIfAbsent(new SubjectVersion(subject, version), key -> remember(registry.version(subject, version)));
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return remember(registry.latestVersion(subject));
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return lookups.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            RegisteredSchema found = remember(registry.lookup(subject, schema));
            idsBySchema.putIfAbsent(key, found.id());
            return found;
        });
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        return registry.testCompatibility(subject, schema);
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        return registry.compatibility(subject);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        registry.setCompatibility(subject, level);
    }

    @Override
    public String url() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
    }

    private RegisteredSchema remember(RegisteredSchema found) {
        schemasById.putIfAbsent(found.id(), found.schema());
        return found;
    }
}
