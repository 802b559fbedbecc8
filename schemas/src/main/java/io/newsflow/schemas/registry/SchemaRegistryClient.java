package io.newsflow.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that newsflow uses, for Avro schemas. Implemented over HTTP
 * ({@link HttpSchemaRegistryClient}, cached by {@link CachingSchemaRegistryClient}) and in memory for tests
 * ({@link InMemorySchemaRegistry}). Every failure is a {@link SchemaRegistryException} naming the registry and subject.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (a no-op if it is there already) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** A version of a subject: 1, 2, ... */
    RegisteredSchema version(String subject, int version);

    /** The newest version of a subject. */
    RegisteredSchema latestVersion(String subject);

    /** The id and version under which {@code schema} is already registered in {@code subject}; throws when it is not. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** Whether {@code schema} could be registered under {@code subject} at the subject's compatibility level. */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** The subject's compatibility level, or the registry's global level when the subject has none of its own. */
    CompatibilityLevel compatibility(String subject);

    void setCompatibility(String subject, CompatibilityLevel level);

    /** A name for messages: the registry's base URL or {@code mock://scope}. */
    String url();

    @Override
    default void close() {}
}
