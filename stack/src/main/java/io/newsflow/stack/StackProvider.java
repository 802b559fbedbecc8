package io.newsflow.stack;

import java.util.Set;

/**
 * A source of the servers the integration tests need, other than this module's own processes ({@link Stack}):
 * {@code io.newsflow.stack.containers.TestcontainersStack} runs them as containers where a Docker engine is
 * reachable. {@link StackMode} says which one a test JVM uses.
 */
public interface StackProvider extends AutoCloseable {

    /** Starts (at least) these servers, or adds them to the ones already running, and returns every endpoint. */
    StackEndpoints start(Set<Server> servers);

    /** Stops everything this provider started. */
    @Override
    void close();
}
