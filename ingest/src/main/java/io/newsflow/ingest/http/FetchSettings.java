package io.newsflow.ingest.http;

import java.net.URI;
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
