package io.newsflow.stack.containers;

import io.newsflow.stack.Server;
import io.newsflow.stack.StackDistribution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each server runs as a container: image (with the version the build pins), the port it serves and the settings
 * it needs. The one description shared by the Testcontainers provider and the root {@code docker-compose.yml}; a test
 * in the app module holds the compose file to it.
 *
 * @param service the host name other containers reach it by (the compose service name, the network alias)
 * @param image the image, with its tag
 * @param port the port the server listens on inside its container, published on the same port by compose
 * @param environment settings the server needs, set the same way in compose
 */
public record ContainerSpec(String service, String image, int port, Map<String, String> environment) {

    /** Confluent Platform release of the Schema Registry image; the registry API is stable across broker versions. */
    public static final String SCHEMA_REGISTRY_VERSION = "8.0.0";
    /** The listener other containers use to reach Kafka ({@code kafka:19092}); 9092 is for the host. */
    public static final int KAFKA_INTERNAL_PORT = 19092;
    public static final String ELASTICSEARCH_HEAP = "-Xms512m -Xmx512m";

    public ContainerSpec {
        environment = Map.copyOf(environment);
    }

    /** The address another container uses, such as {@code kafka:19092} or {@code http://elasticsearch:9200}. */
    public String internalAddress() {
        return switch (service) {
            case "kafka" -> service + ":" + KAFKA_INTERNAL_PORT;
            default -> "http://" + service + ":" + port;
        };
    }

    public static ContainerSpec of(Server server) {
        return of(server, StackDistribution.fromBuild());
    }

    /** The spec of a server, with the versions of the given distribution (the parent POM's versions). */
    public static ContainerSpec of(Server server, StackDistribution versions) {
        return switch (server) {
            case KAFKA -> new ContainerSpec("kafka", "apache/kafka:" + versions.kafkaVersion(), 9092, Map.of());
            case REGISTRY -> new ContainerSpec("schema-registry",
                    "confluentinc/cp-schema-registry:" + SCHEMA_REGISTRY_VERSION, 8081, ordered(
                            "SCHEMA_REGISTRY_HOST_NAME", "schema-registry",
                            "SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081",
                            "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:" + KAFKA_INTERNAL_PORT));
            case ELASTICSEARCH -> new ContainerSpec("elasticsearch",
                    "docker.elastic.co/elasticsearch/elasticsearch:" + versions.elasticsearchVersion(), 9200, ordered(
                            "discovery.type", "single-node",
                            // Security off for a local demo and for tests; a real deployment turns it on.
                            "xpack.security.enabled", "false",
                            "ES_JAVA_OPTS", ELASTICSEARCH_HEAP));
        };
    }

    /** Kibana, which compose runs beside Elasticsearch (the tests do not need it). */
    public static ContainerSpec kibana(StackDistribution versions) {
        return new ContainerSpec("kibana", "docker.elastic.co/kibana/kibana:" + versions.elasticsearchVersion(), 5601,
                ordered("ELASTICSEARCH_HOSTS", "http://elasticsearch:9200"));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
