package io.newsflow.schemas.serde;

import io.newsflow.schemas.registry.RegistryClientSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Settings of the Avro serializer and deserializer. Keys follow Confluent's where Confluent has one. */
public final class AvroSerdeConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.HIGH,
                    "Base URL of a Confluent-compatible schema registry, e.g."
                            + " http://127.0.0.1:8081/apis/ccompat/v7, or mock://<scope> for an in-memory one in tests.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serializer: register the record's schema if the subject lacks it. When false, the schema must"
                            + " already be registered.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "USER_INFO", ConfigDef.ValidString.in("USER_INFO"),
                    Importance.LOW, "Where basic auth credentials come from; only USER_INFO (basic.auth.user.info).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for HTTP basic auth to the registry.")
            .define(CONNECT_TIMEOUT_MS, Type.LONG, RegistryClientSettings.DEFAULT_CONNECT_TIMEOUT.toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, "Registry connect timeout.")
            .define(REQUEST_TIMEOUT_MS, Type.LONG, RegistryClientSettings.DEFAULT_REQUEST_TIMEOUT.toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, "Registry request timeout.")
            .define(SPECIFIC_KEY_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer made by class name, as a key deserializer: the generated record class to read into.")
            .define(SPECIFIC_VALUE_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer made by class name, as a value deserializer: the generated record class to read into.");

    public AvroSerdeConfig(Map<String, ?> originals) {
        super(DEFINITION, originals, false);
    }

    /** How to reach the registry; {@value #SCHEMA_REGISTRY_URL} is required here. */
    public RegistryClientSettings registrySettings() {
        String url = getString(SCHEMA_REGISTRY_URL);
        if (url == null || url.isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "the Avro serde needs the schema registry's base URL,"
                    + " e.g. http://127.0.0.1:8081/apis/ccompat/v7 (or mock://<scope> in tests)");
        }
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        return new RegistryClientSettings(url,
                userInfo == null ? null : userInfo.value(),
                Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS)));
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** The record class configured for a key or value deserializer, or null. */
    public Class<?> specificType(boolean isKey) {
        return getClass(isKey ? SPECIFIC_KEY_TYPE : SPECIFIC_VALUE_TYPE);
    }
}
