package io.newsflow.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The addresses of a running stack's servers: what a test or a service is pointed at. Also read from and written
 * to an endpoints file ({@code kafka=...}, {@code registry=...}, {@code elasticsearch=...}), which is how
 * {@code ./newsflow stack up} hands a running stack to tests (see {@code StackExtension}).
 */
public final class StackEndpoints {

    /** Points the tests' {@code StackExtension} at an endpoints file of running servers instead of starting any. */
    public static final String EXTERNAL_PROPERTY = "newsflow.stack.external";
    /** The environment variable form of {@link #EXTERNAL_PROPERTY}, which {@code ./newsflow stack up} prints. */
    public static final String EXTERNAL_ENV = "NEWSFLOW_STACK_EXTERNAL";

    private final Map<Server, String> addresses;

    public StackEndpoints(Map<Server, String> addresses) {
        this.addresses = addresses.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(addresses));
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return address(Server.KAFKA);
    }

    /** The Confluent-compatible API's base URL: {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    public String registryUrl() {
        return address(Server.REGISTRY);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String elasticsearchUrl() {
        return address(Server.ELASTICSEARCH);
    }

    public boolean has(Server server) {
        return addresses.containsKey(server);
    }

    public String address(Server server) {
        String address = addresses.get(server);
        if (address == null) {
            throw new IllegalStateException(server.displayName() + " is not part of this stack (it has "
                    + addresses.keySet() + ")");
        }
        return address;
    }

    public Map<Server, String> asMap() {
        return addresses;
    }

    /**
     * The newsflow settings that point the services at these servers, as the environment variables that override
     * {@code kafka.bootstrapServers}, {@code registry.url} and {@code sink.elasticsearch.url}.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        addresses.forEach((server, address) -> environment.put(environmentVariable(server), address));
        return environment;
    }

    static String environmentVariable(Server server) {
        return switch (server) {
            case KAFKA -> "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS";
            case REGISTRY -> "NEWSFLOW_REGISTRY_URL";
            case ELASTICSEARCH -> "NEWSFLOW_SINK_ELASTICSEARCH_URLS";
        };
    }

    public void writeTo(Path file) {
        Properties properties = new Properties();
        addresses.forEach((server, address) -> properties.setProperty(server.id(), address));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "newsflow stack endpoints");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads an endpoints file; fails naming the file when it is missing or names an unknown server. */
    public static StackEndpoints readFrom(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new StackException("Cannot read the stack endpoints file " + file + ": " + e, e);
        }
        Map<Server, String> addresses = new EnumMap<>(Server.class);
        for (String key : properties.stringPropertyNames()) {
            try {
                addresses.put(Server.fromId(key), properties.getProperty(key).strip());
            } catch (IllegalArgumentException e) {
                throw new StackException(file + ": " + e.getMessage(), e);
            }
        }
        return new StackEndpoints(addresses);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StackEndpoints that && addresses.equals(that.addresses);
    }

    @Override
    public int hashCode() {
        return addresses.hashCode();
    }

    @Override
    public String toString() {
        return "StackEndpoints" + addresses;
    }
}
