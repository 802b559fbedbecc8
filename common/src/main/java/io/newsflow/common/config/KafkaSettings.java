package io.newsflow.common.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where Kafka is and any extra client properties (security, tuning) every service's clients get.
 *
 * @param bootstrapServers {@code kafka.bootstrapServers}, comma-separated host:port pairs
 * @param clientProperties {@code kafka.properties}, passed unchanged to every producer, consumer and admin client
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties) {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaSettings from(ConfigNode root) {
        ConfigNode kafka = root.section("kafka");
        String servers = kafka.string("bootstrapServers", DEFAULT_BOOTSTRAP_SERVERS);
        if (servers.isBlank() || !servers.matches("[^\\s,]+:\\d+(\\s*,\\s*[^\\s,]+:\\d+)*")) {
            kafka.problem("bootstrapServers", "'" + servers + "' is not a list of host:port");
        }
        return new KafkaSettings(servers, kafka.map("properties"));
    }

    /** The properties every client starts from; callers add their own (group id, serdes, ...). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
