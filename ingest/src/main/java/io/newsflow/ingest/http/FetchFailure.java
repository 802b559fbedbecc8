package io.newsflow.ingest.http;

import java.net.URI;
import java.time.Duration;

/**
 * A fetch that was refused or failed, with a typed reason for metrics and backoff, and a message naming the URL.
 *
 * @param url     the URL the failure happened at (a redirect target when a hop failed)
 * @param status  the HTTP status for {@link Reason#HTTP_ERROR}, else 0
 * @param headers the response headers when there was a response (Retry-After on 429/503), else empty
 */
public record FetchFailure(
        URI requestedUrl,
        URI url,
        Reason reason,
        String message,
        int status,
        ResponseHeaders headers,
        Duration elapsed) implements FetchResult {

    /** Why a fetch gave nothing usable. */
    public enum Reason {
        /** The URL is not one we can fetch (no host, unparseable). */
        BAD_URL,
        /** Not http or https (or file where enabled), including redirects to other schemes. */
        BAD_SCHEME,
        /** The address is loopback, private, link-local, metadata, multicast or otherwise not public. */
        SSRF_BLOCKED,
        DNS_FAILED,
        CONNECT_FAILED,
        TLS_FAILED,
        TOO_MANY_REDIRECTS,
        /** More body bytes on the wire than allowed (or a Content-Length announcing so). */
        TOO_LARGE,
        /** The body inflates past the decoded-size limit. */
        DECOMPRESSION_BOMB,
        HEADERS_TOO_LARGE,
        /** The total deadline for the fetch passed. */
        TIMEOUT,
        /** The server went silent for longer than the idle timeout. */
        IDLE_TIMEOUT,
        /** A non-2xx, non-304 final status. */
        HTTP_ERROR,
        /** A response that breaks HTTP/1.1 framing: bad status line, truncated body, bad chunking. */
        PROTOCOL_ERROR,
        /** A Content-Encoding we did not ask for. */
        UNSUPPORTED_ENCODING,
        ROBOTS_DISALLOWED,
        /** The per-host politeness gate did not open within the total timeout. */
        HOST_BUSY,
        /** The fetching thread was interrupted (service shutting down). */
        INTERRUPTED,
        /** Reading a local file (file scheme enabled for demos) failed. */
        FILE_ERROR
    }

    public FetchFailure {
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    @Override
    public String toString() {
        return "FetchFailure[" + reason + ": " + message + "]";
    }
}
