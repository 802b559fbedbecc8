package io.newsflow.sink.errors;

import static io.newsflow.sink.errors.ErrorAction.DEAD_LETTER;
import static io.newsflow.sink.errors.ErrorAction.RETRY;

import java.util.ArrayList;
import java.util.List;

/**
 * The table that says which Elasticsearch errors are retried, dead-lettered or fatal.
 *
 * <p>Lookup order: a rule for the error's type, then a rule for its HTTP status (overrides before defaults in
 * both), then the status class: no response and 5xx retry, any other status dead-letters. A version conflict never
 * reaches the table: it means a newer version is already indexed, so the record is done (see
 * {@code BulkOutcome}). What the table retries is an environment fault ({@link FailureClassifier}): retried
 * without limit, never dead-lettered. No default is fatal; a configured rule may make an error fatal.
 */
public final class ErrorPolicy {

    private static final List<ErrorRule> DEFAULTS = List.of(
            // Elasticsearch is overloaded or not ready: the same request succeeds later.
            ErrorRule.type("es_rejected_execution_exception", RETRY),
            ErrorRule.type("circuit_breaking_exception", RETRY),
            ErrorRule.type("unavailable_shards_exception", RETRY),
            ErrorRule.type("no_shard_available_action_exception", RETRY),
            ErrorRule.type("cluster_block_exception", RETRY),
            ErrorRule.type("process_cluster_event_timeout_exception", RETRY),
            ErrorRule.type(IndexingError.CONNECTION_ERROR, RETRY),
            // The document itself is wrong for the index: it will never succeed.
            ErrorRule.type("mapper_parsing_exception", DEAD_LETTER),
            ErrorRule.type("document_parsing_exception", DEAD_LETTER),
            ErrorRule.type("strict_dynamic_mapping_exception", DEAD_LETTER),
            ErrorRule.type("illegal_argument_exception", DEAD_LETTER),
            ErrorRule.type("x_content_parse_exception", DEAD_LETTER),
            ErrorRule.type("parse_exception", DEAD_LETTER),
            // Every record fails the same way until someone fixes the cluster: wait for it, never dead-letter.
            ErrorRule.type("index_not_found_exception", RETRY),
            ErrorRule.type("index_closed_exception", RETRY),
            ErrorRule.type("security_exception", RETRY),
            ErrorRule.status(429, RETRY),
            ErrorRule.status(408, RETRY),
            ErrorRule.status(502, RETRY),
            ErrorRule.status(503, RETRY),
            ErrorRule.status(504, RETRY),
            ErrorRule.status(400, DEAD_LETTER),
            ErrorRule.status(401, RETRY),
            ErrorRule.status(403, RETRY),
            ErrorRule.status(404, RETRY));

    private final List<ErrorRule> rules;

    private ErrorPolicy(List<ErrorRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The documented defaults. */
    public static ErrorPolicy defaults() {
        return new ErrorPolicy(DEFAULTS);
    }

    /** The defaults with {@code overrides} taking precedence over them. */
    public static ErrorPolicy withOverrides(List<ErrorRule> overrides) {
        List<ErrorRule> all = new ArrayList<>(overrides);
        all.addAll(DEFAULTS);
        return new ErrorPolicy(all);
    }

    /** What to do with the error. */
    public ErrorAction actionFor(IndexingError error) {
        for (ErrorRule rule : rules) {
            if (rule.matchesType(error)) {
                return rule.action();
            }
        }
        for (ErrorRule rule : rules) {
            if (rule.matchesStatus(error)) {
                return rule.action();
            }
        }
        return error.status() == IndexingError.NO_RESPONSE || error.status() >= 500 ? RETRY : DEAD_LETTER;
    }

    /** The rules in lookup order (overrides first), for the docs and the start-up log. */
    public List<ErrorRule> rules() {
        return rules;
    }
}
