package io.newsflow.sink.errors;

import io.newsflow.schemas.serde.RegistryUnavailableException;
import java.util.Locale;
import java.util.Set;

/**
 * The one place the sink decides whose fault a failure is: every Elasticsearch item or request error, every
 * decoding error and every failed dead-letter send goes through here. Elasticsearch errors are looked up in the
 * {@link ErrorPolicy} (configured rules first); what it retries is an environment fault, named by cause.
 */
public final class FailureClassifier {

    private static final Set<String> OVERLOAD_TYPES = Set.of("es_rejected_execution_exception",
            "circuit_breaking_exception", "process_cluster_event_timeout_exception");
    private static final Set<String> SHARD_TYPES = Set.of("unavailable_shards_exception",
            "no_shard_available_action_exception");
    private static final Set<String> INDEX_TYPES = Set.of("index_not_found_exception", "index_closed_exception");

    private final ErrorPolicy policy;

    public FailureClassifier(ErrorPolicy policy) {
        this.policy = policy;
    }

    public ErrorPolicy policy() {
        return policy;
    }

    /** An error Elasticsearch (or the transport) reported for a bulk item or a whole bulk request. */
    public Failure classify(IndexingError error) {
        if (isNoWriteIndex(error)) {
            return Failure.environment(FaultCause.NO_WRITE_INDEX, error.type(), error.reason());
        }
        return switch (policy.actionFor(error)) {
            case RETRY -> Failure.environment(causeOf(error), error.type(), error.reason());
            case DEAD_LETTER -> Failure.record(error.type(), error.reason());
            case FATAL -> Failure.fatal(error.type(), error.reason());
        };
    }

    /**
     * The deserializer threw: the registry being unavailable (a {@link RegistryUnavailableException} anywhere in the
     * causes) is the environment's fault; anything else (a {@code SerializationException}: bad magic byte, corrupt
     * Avro, an id the registry does not know) is the record's.
     */
    public Failure classifyDecoding(Throwable error) {
        if (causedBy(error, RegistryUnavailableException.class)) {
            return Failure.environment(FaultCause.REGISTRY_UNAVAILABLE, RegistryUnavailableException.class.getSimpleName(),
                    error.getMessage());
        }
        return Failure.record(error.getClass().getSimpleName(), error.getMessage());
    }

    /** The dead letter could not be published: never the record's fault, so always retried. */
    public Failure classifyDeadLetterSend(Throwable error) {
        FaultCause cause = causedBy(error, RegistryUnavailableException.class)
                ? FaultCause.REGISTRY_UNAVAILABLE
                : FaultCause.DEAD_LETTER_TOPIC_UNAVAILABLE;
        return Failure.environment(cause, error.getClass().getSimpleName(), error.getMessage());
    }

    /** Which environment cause an error the policy retries stands for. */
    static FaultCause causeOf(IndexingError error) {
        String type = error.type();
        int status = error.status();
        if ("cluster_block_exception".equals(type)) {
            return FaultCause.CLUSTER_BLOCK;
        }
        if (OVERLOAD_TYPES.contains(type) || status == 429) {
            return FaultCause.OVERLOADED;
        }
        if (SHARD_TYPES.contains(type)) {
            return FaultCause.SHARDS_UNAVAILABLE;
        }
        if (INDEX_TYPES.contains(type) || isNoWriteIndex(error)) {
            return FaultCause.NO_WRITE_INDEX;
        }
        if ("security_exception".equals(type) || status == 401 || status == 403) {
            return FaultCause.AUTH;
        }
        if (status == IndexingError.NO_RESPONSE || status == 408 || status == 504) {
            return FaultCause.UNREACHABLE;
        }
        if (status >= 500) {
            return FaultCause.SERVER_ERROR;
        }
        return FaultCause.CONFIGURED_RETRY;
    }

    /**
     * Elasticsearch answers a write through an alias without a write index with {@code illegal_argument_exception}
     * ("no write index is defined for alias [...]"): not the document's fault.
     */
    static boolean isNoWriteIndex(IndexingError error) {
        return "illegal_argument_exception".equals(error.type())
                && error.reason().toLowerCase(Locale.ROOT).contains("no write index");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
