package io.newsflow.schemas.serde;

import io.newsflow.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The Schema Registry could not be asked (no answer, a timeout, HTTP 5xx, 408 or 429): a fault of the environment,
 * not of the record. Callers must retry the record later (pause, back off) and never dead-letter it. A registry
 * that answers and says the schema id is unknown, or bytes that do not decode with the schema it returns, are the
 * record's own faults and stay {@link org.apache.kafka.common.errors.SerializationException}s.
 */
public final class RegistryUnavailableException extends RetriableException {
    public RegistryUnavailableException(String message, SchemaRegistryException cause) {
        super(message, cause);
    }
}
