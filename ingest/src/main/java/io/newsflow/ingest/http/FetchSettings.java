package io.newsflow.ingest.http;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
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

    private static final FetchLimits D = FetchLimits.DEFAULTS;
    public static final Setting<String> CONTACT_URL = Setting.string("contactUrl", DEFAULTS.contactUrl().toString(),
                    "where site owners learn about the crawler; part of the User-Agent")
            .check(FetchSettings::isContactUrl, "http(s) URL", contact -> "contactUrl must be an http(s) URL naming"
                    + " where site owners learn about the crawler, was '" + contact + "'");
    public static final Setting<Long> MAX_WIRE_BYTES = Setting.longValue("maxWireBytes", D.maxWireBytes(), 1024,
            1L << 31, "bytes accepted on the wire for one response body (before decompression)");
    public static final Setting<Long> MAX_BODY_BYTES = Setting.longValue("maxBodyBytes", D.maxBodyBytes(), 1024,
            RecordSizes.MAX_PAGE_BYTES, "bytes accepted after decompression; more is a decompression bomb");
    // OkHttp reads no more than 256 KiB of headers
    public static final Setting<Integer> MAX_HEADER_BYTES = Setting.integer("maxHeaderBytes", D.maxHeaderBytes(),
            1024, 256 * 1024, "bytes accepted for the status line and all headers of one response");
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("connectTimeout", D.connectTimeout(),
            "time to open the TCP (and TLS) connection").positive();
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("idleTimeout", D.idleTimeout(),
            "longest silence while reading headers or body").positive();
    public static final Setting<Duration> TOTAL_TIMEOUT = Setting.duration("totalTimeout", D.totalTimeout(),
            "deadline for the whole fetch, all redirects included (not the politeness wait)").positive();
    public static final Setting<Integer> MAX_REDIRECTS = Setting.integer("maxRedirects", D.maxRedirects(), 0, 20,
            "redirects followed (every hop checked) before giving up");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_HOST = Setting.integer("maxConnectionsPerHost",
            DEFAULTS.maxConnectionsPerHost(), 1, 64, "concurrent fetches to one host");
    public static final Setting<Duration> MIN_DELAY_PER_HOST = Setting.duration("minDelayPerHost",
            DEFAULTS.minDelayPerHost(), "least time between the starts of two fetches to one host")
            .atLeast(Duration.ZERO);
    public static final Setting<Boolean> OBEY_ROBOTS = Setting.bool("obeyRobots", DEFAULTS.obeyRobots(),
            "page fetches consult robots.txt");
    public static final Setting<Duration> ROBOTS_CACHE_TTL = Setting.duration("robotsCacheTtl",
            DEFAULTS.robotsCacheTtl(), "how long a fetched robots.txt is trusted").positive();
    public static final Setting<Duration> ROBOTS_ERROR_TTL = Setting.duration("robotsErrorTtl",
            DEFAULTS.robotsErrorTtl(), "how long a host whose robots.txt failed (5xx, unreachable) stays disallowed")
            .positive();
    public static final Setting<Integer> MAX_ROBOTS_BYTES = Setting.integer("maxRobotsBytes",
            DEFAULTS.maxRobotsBytes(), 1024, 16 << 20, "largest robots.txt read (the rest is ignored, as crawlers do)");
    public static final Setting<Boolean> ALLOW_FILE_SCHEME = Setting.bool("allowFileScheme",
            DEFAULTS.allowFileScheme(), "`file:` URLs may be fetched (local demos only; never via redirects)");
    public static final SettingsSection SECTION = SettingsSection.of("ingest.fetch", CONTACT_URL, MAX_WIRE_BYTES,
            MAX_BODY_BYTES, MAX_HEADER_BYTES, CONNECT_TIMEOUT, IDLE_TIMEOUT, TOTAL_TIMEOUT, MAX_REDIRECTS,
            MAX_CONNECTIONS_PER_HOST, MIN_DELAY_PER_HOST, OBEY_ROBOTS, ROBOTS_CACHE_TTL, ROBOTS_ERROR_TTL,
            MAX_ROBOTS_BYTES, ALLOW_FILE_SCHEME);

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
        ConfigNode fetch = SECTION.node(root);
        FetchLimits limits = new FetchLimits(MAX_WIRE_BYTES.read(fetch), MAX_BODY_BYTES.read(fetch),
                MAX_HEADER_BYTES.read(fetch), CONNECT_TIMEOUT.read(fetch), IDLE_TIMEOUT.read(fetch),
                TOTAL_TIMEOUT.read(fetch), MAX_REDIRECTS.read(fetch));
        return new FetchSettings(URI.create(CONTACT_URL.read(fetch)), DEFAULTS.version(), limits,
                MAX_CONNECTIONS_PER_HOST.read(fetch), MIN_DELAY_PER_HOST.read(fetch), OBEY_ROBOTS.read(fetch),
                ROBOTS_CACHE_TTL.read(fetch), ROBOTS_ERROR_TTL.read(fetch), MAX_ROBOTS_BYTES.read(fetch),
                ALLOW_FILE_SCHEME.read(fetch));
    }

    private static boolean isContactUrl(String contact) {
        try {
            URI parsed = new URI(contact);
            return parsed.getHost() != null && parsed.getScheme().matches("https?");
        } catch (URISyntaxException e) {
            return false;
        }
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
