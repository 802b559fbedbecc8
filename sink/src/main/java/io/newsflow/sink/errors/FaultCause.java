package io.newsflow.sink.errors;

import java.util.Locale;

/**
 * Why the environment, not the record, made an attempt fail. The {@link #tag()} is the {@code cause} tag of
 * {@code newsflow.sink.environment.faults} and what health names; the {@link #remedy()} is what the log tells an
 * operator to look at.
 */
public enum FaultCause {
    /** 429, {@code es_rejected_execution_exception}, {@code circuit_breaking_exception}: Elasticsearch is overloaded. */
    OVERLOADED("Elasticsearch is overloaded (write queue or memory); it passes when the load drops"),
    /** {@code cluster_block_exception}: a write or read-only block, e.g. the disk flood-stage watermark. */
    CLUSTER_BLOCK("an index or cluster block (disk flood stage, index.blocks.write); free disk or clear the block"),
    /** {@code unavailable_shards_exception}, {@code no_shard_available_action_exception}: shards recovering. */
    SHARDS_UNAVAILABLE("primary shards unavailable; check _cluster/health"),
    /** The alias has no write index, or the index behind it is missing or closed. */
    NO_WRITE_INDEX("the write alias has no (open) write index; the sink re-runs its index setup"),
    /** 401, 403, {@code security_exception}: credentials or privileges. */
    AUTH("Elasticsearch refuses the sink's credentials or privileges; fix sink.elasticsearch.*"),
    /** No HTTP answer: refused, reset, timed out; or 408/504. */
    UNREACHABLE("Elasticsearch does not answer; check that it runs and is reachable"),
    /** Another 5xx for the request or item. */
    SERVER_ERROR("Elasticsearch answers with a server error; check its logs"),
    /** The Schema Registry could not be asked while decoding or while writing a dead letter. */
    REGISTRY_UNAVAILABLE("the Schema Registry does not answer; check registry.url"),
    /** The dead-letter topic did not acknowledge a dead letter. */
    DEAD_LETTER_TOPIC_UNAVAILABLE("the dead-letter topic does not acknowledge; check the Kafka brokers"),
    /** The circuit breaker: the same rejection for many distinct records in a row. */
    REPEATED_REJECTION("every record is refused the same way; see the breaker's log line"),
    /** An error a {@code sink.errorPolicy} rule says to retry. */
    CONFIGURED_RETRY("an error sink.errorPolicy says to retry");

    private final String remedy;

    FaultCause(String remedy) {
        this.remedy = remedy;
    }

    /** The metric tag and health name: {@code cluster_block}, {@code overloaded}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String remedy() {
        return remedy;
    }
}
