package io.newsflow.ingest.http;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.schemas.RecordSizes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link SafeFetcher} (config section {@code ingest.fetch}; keys and defaults in
 * docs/ingest-fetching.md).
 *
 * @param contactUrl           where site owners learn about the crawler; part of the User-Agent
 * @param version              newsflow's version in the User-Agent
 * @param limits               default limits of every fetch (a request may bring its own)
 * @param maxConnectionsPerHost concurrent fetches to one host
 * @param minDelayPerHost      least time between the starts of two fetches to one host
 * @param obeyRobots           whether PAGE fetches consult robots.txt
 * @param robotsCacheTtl       how long a fetched robots.txt is trusted
 * @param robotsErrorTtl       how long a host whose robots.txt failed (5xx, unreachable) stays disallowed
 * @param maxRobotsBytes       largest robots.txt read (the rest is ignored, as crawlers do)
 * @param allowFileScheme      whether file: URLs may be fetched (local demos only; never via redirects)
 */
public record FetchSettings(
        URI contactUrl,
        String version,
        FetchLimits limits,
        int maxConnectionsPerHost,
        Duration minDelayPerHost,
        boolean obeyRobots,
        Duration robotsCacheTtl,
        Duration robotsErrorTtl,
        int maxRobotsBytes,
        boolean allowFileScheme) {

    /** The product token sites address in robots.txt. */
    public static final String ROBOTS_TOKEN = "newsflow";

    public static final FetchSettings DEFAULTS = new FetchSettings(
            URI.create("https://github.com/newsflow/newsflow"), "0.1.0", FetchLimits.DEFAULTS,
            2, Duration.ofSeconds(1), true, Duration.ofHours(24), Duration.ofMinutes(10), 512 * 1024, false);

    public FetchSettings {
        Objects.requireNonNull(contactUrl, "contactUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(minDelayPerHost, "minDelayPerHost");
        Objects.requireNonNull(robotsCacheTtl, "robotsCacheTtl");
        Objects.requireNonNull(robotsErrorTtl, "robotsErrorTtl");
        if (maxConnectionsPerHost < 1) {
            throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1, was " + maxConnectionsPerHost);
        }
        if (minDelayPerHost.isNegative()) {
            throw new IllegalArgumentException("minDelayPerHost must not be negative, was " + minDelayPerHost);
        }
        if (maxRobotsBytes < 1024) {
            throw new IllegalArgumentException("maxRobotsBytes must be at least 1024, was " + maxRobotsBytes);
        }
    }

    /**
     * Binds {@code ingest.fetch}; every key is optional (defaults in {@link #DEFAULTS}), out-of-range values are
     * reported as config problems with their file and line.
     */
    public static FetchSettings from(ConfigNode root) {
        ConfigNode fetch = root.section("ingest").section("fetch");
        FetchLimits d = DEFAULTS.limits();
        String contact = fetch.string("contactUrl", DEFAULTS.contactUrl().toString());
        URI contactUrl = DEFAULTS.contactUrl();
        try {
            URI parsed = new URI(contact);
            if (parsed.getHost() == null || !parsed.getScheme().matches("https?")) {
                throw new URISyntaxException(contact, "not an http(s) URL with a host");
            }
            contactUrl = parsed;
        } catch (URISyntaxException e) {
            fetch.problem("contactUrl", "contactUrl must be an http(s) URL naming where site owners learn about"
                    + " the crawler, was '" + contact + "'");
        }
        FetchLimits limits = new FetchLimits(
                fetch.longValue("maxWireBytes", d.maxWireBytes(), 1024, 1L << 31),
                fetch.longValue("maxBodyBytes", d.maxBodyBytes(), 1024, RecordSizes.MAX_PAGE_BYTES),
                fetch.integer("maxHeaderBytes", d.maxHeaderBytes(), 1024, 256 * 1024), // OkHttp reads no more
                positive(fetch, "connectTimeout", d.connectTimeout()),
                positive(fetch, "idleTimeout", d.idleTimeout()),
                positive(fetch, "totalTimeout", d.totalTimeout()),
                fetch.integer("maxRedirects", d.maxRedirects(), 0, 20));
        Duration minDelay = fetch.duration("minDelayPerHost", DEFAULTS.minDelayPerHost());
        if (minDelay.isNegative()) {
            fetch.problem("minDelayPerHost", "minDelayPerHost must not be negative");
            minDelay = DEFAULTS.minDelayPerHost();
        }
        return new FetchSettings(contactUrl, DEFAULTS.version(), limits,
                fetch.integer("maxConnectionsPerHost", DEFAULTS.maxConnectionsPerHost(), 1, 64),
                minDelay,
                fetch.bool("obeyRobots", DEFAULTS.obeyRobots()),
                positive(fetch, "robotsCacheTtl", DEFAULTS.robotsCacheTtl()),
                positive(fetch, "robotsErrorTtl", DEFAULTS.robotsErrorTtl()),
                fetch.integer("maxRobotsBytes", DEFAULTS.maxRobotsBytes(), 1024, 16 << 20),
                fetch.bool("allowFileScheme", DEFAULTS.allowFileScheme()));
    }

    private static Duration positive(ConfigNode node, String key, Duration fallback) {
        Duration value = node.duration(key, fallback);
        if (value.isZero() || value.isNegative()) {
            node.problem(key, key + " must be a positive duration, was " + value);
            return fallback;
        }
        return value;
    }

    /** {@code newsflow/<version> (+<contact url>)}. */
    public String userAgent() {
        return ROBOTS_TOKEN + "/" + version + " (+" + contactUrl + ")";
    }

    public FetchSettings withLimits(FetchLimits value) {
        return new FetchSettings(contactUrl, version, value, maxConnectionsPerHost, minDelayPerHost, obeyRobots,
                robotsCacheTtl, robotsErrorTtl, maxRobotsBytes, allowFileScheme);
    }

    public FetchSettings withPoliteness(int connectionsPerHost, Duration delayPerHost) {
        return new FetchSettings(contactUrl, version, limits, connectionsPerHost, delayPerHost, obeyRobots,
                robotsCacheTtl, robotsErrorTtl, maxRobotsBytes, allowFileScheme);
    }

    public FetchSettings withRobots(boolean obey, Duration cacheTtl, Duration errorTtl) {
        return new FetchSettings(contactUrl, version, limits, maxConnectionsPerHost, minDelayPerHost, obey,
                cacheTtl, errorTtl, maxRobotsBytes, allowFileScheme);
    }

    public FetchSettings withAllowFileScheme(boolean allow) {
        return new FetchSettings(contactUrl, version, limits, maxConnectionsPerHost, minDelayPerHost, obeyRobots,
                robotsCacheTtl, robotsErrorTtl, maxRobotsBytes, allow);
    }

    public FetchSettings withContactUrl(URI url) {
        return new FetchSettings(url, version, limits, maxConnectionsPerHost, minDelayPerHost, obeyRobots,
                robotsCacheTtl, robotsErrorTtl, maxRobotsBytes, allowFileScheme);
    }
}
