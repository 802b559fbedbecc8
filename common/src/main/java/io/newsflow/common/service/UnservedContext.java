package io.newsflow.common.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.common.ops.Health;
import io.newsflow.common.ops.HealthCheck;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The context of a service run by a tool or a test rather than the runner ({@link ServiceContext#unserved}): meters
 * go to the registry it was given, health checks are kept but not served, so that the caller can ask them, and a
 * failure goes to a handler.
 */
public final class UnservedContext implements ServiceContext {
    private final MeterRegistry meters;
    private final BiConsumer<String, Throwable> onFailure;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

    UnservedContext(MeterRegistry meters, BiConsumer<String, Throwable> onFailure) {
        this.meters = meters;
        this.onFailure = onFailure;
    }

    @Override
    public MeterRegistry meters() {
        return meters;
    }

    @Override
    public void health(String name, HealthCheck check) {
        checks.put(name, check);
    }

    /** What the check the service registered as {@code name} says now; fails when there is none. */
    public Health check(String name) {
        HealthCheck check = checks.get(name);
        if (check == null) {
            throw new IllegalStateException("no health check named " + name + "; registered: " + checks.keySet());
        }
        return check.check();
    }

    @Override
    public void fail(String reason, Throwable cause) {
        onFailure.accept(reason, cause);
    }
}
