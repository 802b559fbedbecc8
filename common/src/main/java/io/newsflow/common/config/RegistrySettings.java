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
    public static final Setting<String> URL = Setting.string("url", "http://127.0.0.1:8081/apis/ccompat/v7",
                    "Confluent-compatible Schema Registry base URL (`mock://<scope>` in tests)")
            .check(RegistrySettings::isRegistryUrl, "http(s) URL or `mock://<scope>`",
                    url -> "'" + url + "' is not an http(s) URL or mock://<scope>");
    public static final Setting<Optional<String>> BASIC_AUTH_USER_INFO = Setting.optionalString("basicAuthUserInfo",
                    "`user:password` for the registry")
            .check(userInfo -> userInfo.isEmpty() || userInfo.get().contains(":"), "`user:password`",
                    userInfo -> "must be written user:password");
    public static final Setting<Boolean> AUTO_REGISTER = Setting.bool("autoRegister", true,
            "producers register their schema version");
    public static final Setting<Duration> TIMEOUT = Setting.duration("timeout", Duration.ofSeconds(10),
            "connect and request timeout of registry calls");
    public static final SettingsSection SECTION = SettingsSection.of("registry",
            URL, BASIC_AUTH_USER_INFO, AUTO_REGISTER, TIMEOUT);
    public static final String DEFAULT_URL = URL.defaultValue();

    public static RegistrySettings from(ConfigNode root) {
        ConfigNode registry = SECTION.node(root);
        return new RegistrySettings(URL.read(registry), BASIC_AUTH_USER_INFO.read(registry),
                AUTO_REGISTER.read(registry), TIMEOUT.read(registry));
    }

    private static boolean isRegistryUrl(String url) {
        if (url.startsWith("mock://")) {
            return true;
        }
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
