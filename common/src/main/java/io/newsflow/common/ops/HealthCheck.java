package io.newsflow.common.ops;

/** A cheap check of one dependency or component; called on every {@code /health} request. */
@FunctionalInterface
public interface HealthCheck {
    Health check();
}
