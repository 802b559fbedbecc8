package io.newsflow.schemas.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a registry.
 *
 * @param url a base URL ({@code http://127.0.0.1:8081}, {@code http://host:8080/apis/ccompat/v7}) or
 *     {@code mock://<scope>} for the in-memory registry of tests
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null for none
 */
public record RegistryClientSettings(String url, String basicAuthUserInfo, Duration connectTimeout,
        Duration requestTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RegistryClientSettings {
        Objects.requireNonNull(url, "registry url");
        if (url.isBlank()) {
            throw new IllegalArgumentException("the schema registry URL is empty");
        }
        if (basicAuthUserInfo != null && !basicAuthUserInfo.contains(":")) {
            throw new IllegalArgumentException("basic auth user info for " + url + " must be 'user:password'");
        }
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(requestTimeout, "request timeout");
    }

    public static RegistryClientSettings of(String url) {
        return new RegistryClientSettings(url, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public boolean isMock() {
        return url.startsWith(MockSchemaRegistries.URL_PREFIX);
    }

    private static void requirePositive(Duration timeout, String name) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("schema registry " + name + " must be positive, got " + timeout);
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        String user = basicAuthUserInfo == null ? "none" : basicAuthUserInfo.substring(0, basicAuthUserInfo.indexOf(':'));
        return "RegistryClientSettings[url=" + url + ", basicAuthUser=" + user + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
