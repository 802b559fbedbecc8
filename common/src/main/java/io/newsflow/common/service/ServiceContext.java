package io.newsflow.common.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.common.ops.HealthCheck;
import io.newsflow.common.ops.OpsLookup;

/** What a running service gets from its runner: meters, a place to register health checks, a way to fail. */
public interface ServiceContext {
    MeterRegistry meters();

    void health(String name, HealthCheck check);

    /** Adds {@code GET /<path>/<name>} to the ops endpoint; nothing happens when the endpoint is off. */
    default void lookup(String path, OpsLookup lookup) {}

    /** Stops the process with a non-zero exit: for errors the service cannot recover from by itself. */
    void fail(String reason, Throwable cause);

    /**
     * A context for a service run by a tool or a test rather than the runner: meters go to {@code meters}, health
     * checks are kept to be asked ({@link UnservedContext#check}) but not served, a failure is thrown (an
     * IllegalStateException) to the thread that reports it.
     */
    static UnservedContext unserved(MeterRegistry meters) {
        return unserved(meters, (reason, cause) -> {
            throw new IllegalStateException(reason, cause);
        });
    }

    /** As {@link #unserved(MeterRegistry)}, a failure handed to {@code onFailure}. */
    static UnservedContext unserved(MeterRegistry meters, java.util.function.BiConsumer<String, Throwable> onFailure) {
        return new UnservedContext(meters, onFailure);
    }
}
