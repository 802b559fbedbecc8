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
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.string("bootstrapServers", "127.0.0.1:9092",
                    "where Kafka is: comma-separated `host:port` pairs")
            .check(servers -> servers.matches("[^\\s,]+:\\d+(\\s*,\\s*[^\\s,]+:\\d+)*"), "`host:port` list",
                    servers -> "'" + servers + "' is not a list of host:port");
    public static final Setting<Map<String, String>> PROPERTIES = Setting.map("properties",
            "extra properties for every Kafka producer, consumer and admin client (security, tuning)");
    public static final SettingsSection SECTION = SettingsSection.of("kafka", BOOTSTRAP_SERVERS, PROPERTIES);
    public static final String DEFAULT_BOOTSTRAP_SERVERS = BOOTSTRAP_SERVERS.defaultValue();

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaSettings from(ConfigNode root) {
        ConfigNode kafka = SECTION.node(root);
        return new KafkaSettings(BOOTSTRAP_SERVERS.read(kafka), PROPERTIES.read(kafka));
    }

    /** A Kafka Streams {@code application.id} setting: letters, digits, '.', '_' and '-'. */
    public static Setting<String> applicationId(String defaultId, String doc) {
        return Setting.string("applicationId", defaultId, doc).check(id -> id.matches("[a-zA-Z0-9._-]+"),
                "`a-z A-Z 0-9 . _ -`", id -> "'" + id + "' may hold only letters, digits, '.', '_' and '-'");
    }

    /** The properties every client starts from; callers add their own (group id, serdes, ...). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /**
     * A consumer's starting properties for topics written in transactions: it reads only what was committed (an
     * aborted write was never published) and commits its own offsets, if any.
     */
    public Map<String, Object> committedReaderConfig(String clientId) {
        Map<String, Object> config = clientConfig();
        config.put("client.id", clientId);
        config.put("enable.auto.commit", false);
        config.put("isolation.level", "read_committed");
        return config;
    }
}
