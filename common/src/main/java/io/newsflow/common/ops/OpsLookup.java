package io.newsflow.common.ops;

import java.util.Optional;

/**
 * A read-only JSON endpoint of the ops server: {@code GET /<path>/<name>} answers what {@link #find} returns for the
 * URL-decoded name as JSON (Jackson), 404 when it is empty, 503 when it throws {@link IllegalStateException} (not
 * ready, e.g. a Kafka Streams store while rebalancing). {@code GET /<path>} asks for the name {@code ""}.
 */
@FunctionalInterface
public interface OpsLookup {
    Optional<?> find(String name);
}
