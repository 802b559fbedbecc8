package io.newsflow.ingest.http;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing to fetch, with its conditional headers and the feed's overrides.
 *
 * @param url                 what to fetch (http or https; file only where the settings enable it)
 * @param purpose             FEED or PAGE; PAGE fetches obey robots.txt
 * @param ifNoneMatch         the ETag of the copy we hold, sent as If-None-Match, or null
 * @param ifModifiedSince     the Last-Modified of the copy we hold, sent verbatim as If-Modified-Since, or null
 * @param userAgent           a per-feed User-Agent replacing the configured one, or null
 * @param allowPrivateAddress the feed's explicit permission to reach private, loopback and link-local addresses
 * @param limits              limits replacing the configured defaults, or null
 */
public record FetchRequest(
        URI url,
        Purpose purpose,
        String ifNoneMatch,
        String ifModifiedSince,
        String userAgent,
        boolean allowPrivateAddress,
        FetchLimits limits) {

    public FetchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(purpose, "purpose");
    }

    public static FetchRequest feed(URI url) {
        return new FetchRequest(url, Purpose.FEED, null, null, null, false, null);
    }

    public static FetchRequest page(URI url) {
        return new FetchRequest(url, Purpose.PAGE, null, null, null, false, null);
    }

    /** Conditional GET: the validators of the copy we already hold (either may be null). */
    public FetchRequest withValidators(String etag, String lastModified) {
        return new FetchRequest(url, purpose, etag, lastModified, userAgent, allowPrivateAddress, limits);
    }

    public FetchRequest withUserAgent(String agent) {
        return new FetchRequest(url, purpose, ifNoneMatch, ifModifiedSince, agent, allowPrivateAddress, limits);
    }

    public FetchRequest withAllowPrivateAddress(boolean allow) {
        return new FetchRequest(url, purpose, ifNoneMatch, ifModifiedSince, userAgent, allow, limits);
    }

    public FetchRequest withLimits(FetchLimits newLimits) {
        return new FetchRequest(url, purpose, ifNoneMatch, ifModifiedSince, userAgent, allowPrivateAddress, newLimits);
    }

    Optional<String> userAgentOverride() {
        return Optional.ofNullable(userAgent).filter(agent -> !agent.isBlank());
    }
}
