package io.newsflow.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The servers a {@link Stack} can run. */
public enum Server {
    KAFKA("kafka", "Kafka"),
    REGISTRY("registry", "Schema Registry"),
    ELASTICSEARCH("elasticsearch", "Elasticsearch");

    private final String id;
    private final String displayName;

    Server(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** Short lower-case name used in file names, options and properties ({@code kafka}, {@code registry}...). */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses an {@link #id()}, case-insensitively; the error lists the valid names. */
    public static Server fromId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Server server : values()) {
            if (server.id.equals(wanted)) {
                return server;
            }
        }
        throw new IllegalArgumentException("unknown server '" + id + "'; expected one of "
                + Arrays.stream(values()).map(Server::id).collect(Collectors.joining(", ")));
    }
}
