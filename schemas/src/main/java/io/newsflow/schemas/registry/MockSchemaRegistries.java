package io.newsflow.schemas.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory registries for tests, one per scope: every client opened on {@code mock://<scope>} in this JVM shares it.
 * This map is the module's only mutable static state; tests clear it with {@link #reset(String)}.
 */
public final class MockSchemaRegistries {
    public static final String URL_PREFIX = "mock://";

    private static final ConcurrentMap<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistries() {}

    /** The registry of {@code mock://<scope>}, created empty on first use. */
    public static InMemorySchemaRegistry forUrl(String url) {
        if (!url.startsWith(URL_PREFIX) || url.length() == URL_PREFIX.length()) {
            throw new IllegalArgumentException("a mock registry URL is mock://<scope>, got '" + url + "'");
        }
        return scope(url.substring(URL_PREFIX.length()));
    }

    public static InMemorySchemaRegistry scope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry(URL_PREFIX + s));
    }

    /** Forgets a scope; the next use of {@code mock://<scope>} starts with an empty registry. */
    public static void reset(String scope) {
        SCOPES.remove(scope);
    }
}
