package io.newsflow.common.config;

import io.newsflow.schemas.serde.AvroSerdeConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Schema Registry every Avro serde talks to.
 *
 * @param url {@code registry.url}: a Confluent-compatible base URL, or {@code mock://<scope>} for tests
 * @param basicAuthUserInfo {@code registry.basicAuthUserInfo}: {@code user:password}, or empty
 * @param autoRegister {@code registry.autoRegister}: whether producers register their schema
 * @param timeout {@code registry.timeout}: connect and request timeout
 */
public record RegistrySettings(String url, Optional<String> basicAuthUserInfo, boolean autoRegister, Duration timeout) {
    public static final String DEFAULT_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    public static RegistrySettings from(ConfigNode root) {
        ConfigNode registry = root.section("registry");
        String url = registry.string("url", DEFAULT_URL);
        if (!url.startsWith("mock://")) {
            try {
                URI uri = URI.create(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    registry.problem("url", "'" + url + "' is not an http(s) URL or mock://<scope>");
                }
            } catch (IllegalArgumentException e) {
                registry.problem("url", "'" + url + "' is not a URL");
            }
        }
        Optional<String> userInfo = registry.optionalString("basicAuthUserInfo");
        userInfo.filter(u -> !u.contains(":"))
                .ifPresent(u -> registry.problem("basicAuthUserInfo", "must be written user:password"));
        return new RegistrySettings(
                url,
                userInfo,
                registry.bool("autoRegister", true),
                registry.duration("timeout", Duration.ofSeconds(10)));
    }

    /** Configuration for the Avro serdes of the {@code schemas} module. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
        config.put(AvroSerdeConfig.CONNECT_TIMEOUT_MS, timeout.toMillis());
        config.put(AvroSerdeConfig.REQUEST_TIMEOUT_MS, timeout.toMillis());
        basicAuthUserInfo.ifPresent(userInfo -> {
            config.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            config.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, userInfo);
        });
        return config;
    }
}
