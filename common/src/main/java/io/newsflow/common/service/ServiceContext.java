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
}
