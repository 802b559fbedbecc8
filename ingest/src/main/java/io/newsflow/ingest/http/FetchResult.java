package io.newsflow.ingest.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What a fetch gave: the body ({@link Fetched}), confirmation that our copy is current ({@link NotModified}),
 * or why nothing usable came back ({@link FetchFailure}). Never thrown, always returned.
 */
public sealed interface FetchResult permits FetchResult.Fetched, FetchResult.NotModified, FetchFailure {

    /** The URL asked for. */
    URI requestedUrl();

    /** Time spent from the first connection attempt to the end (politeness waits excluded). */
    Duration elapsed();

    /**
     * A 2xx response, body decoded from any Content-Encoding.
     *
     * @param finalUrl  the URL that answered, after redirects
     * @param redirects the URLs that redirected, in order (empty when none)
     * @param wireBytes body bytes received before decompression
     */
    record Fetched(
            URI requestedUrl,
            URI finalUrl,
            List<URI> redirects,
            int status,
            ResponseHeaders headers,
            byte[] body,
            long wireBytes,
            Duration elapsed) implements FetchResult {

        public Fetched {
            redirects = List.copyOf(redirects);
        }

        @Override
        public String toString() {
            return "Fetched[" + status + " " + finalUrl + ", " + body.length + " bytes in " + elapsed.toMillis()
                    + " ms]";
        }
    }

    /** A 304 to a conditional request: the copy we hold is current. */
    record NotModified(URI requestedUrl, URI finalUrl, ResponseHeaders headers, Duration elapsed)
            implements FetchResult {
    }
}
