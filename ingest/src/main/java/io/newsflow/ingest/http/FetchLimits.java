package io.newsflow.ingest.http;

import io.newsflow.schemas.RecordSizes;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one fetch. Every limit is enforced while streaming, so a hostile server costs at most these amounts.
 *
 * @param maxWireBytes     bytes accepted on the wire for one response body (before decompression)
 * @param maxBodyBytes     bytes accepted after decompression; more means a decompression bomb. At most (and by
 *                         default) {@link RecordSizes#MAX_PAGE_BYTES}, so the page fits in a RawArticle record
 * @param maxHeaderBytes   bytes accepted for the status line and all headers of one response
 * @param connectTimeout   time to open the TCP (and TLS) connection
 * @param idleTimeout      longest silence while reading headers or body
 * @param totalTimeout     deadline for the whole fetch, all redirects included (not the politeness wait)
 * @param maxRedirects     redirects followed before giving up
 */
public record FetchLimits(
        long maxWireBytes,
        long maxBodyBytes,
        int maxHeaderBytes,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration totalTimeout,
        int maxRedirects) {

    public static final FetchLimits DEFAULTS = new FetchLimits(
            8L * 1024 * 1024, RecordSizes.MAX_PAGE_BYTES, 64 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(60), 5);

    public FetchLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        requirePositive(maxWireBytes, "maxWireBytes");
        requirePositive(maxBodyBytes, "maxBodyBytes");
        requirePositive(maxHeaderBytes, "maxHeaderBytes");
        requirePositive(connectTimeout.toMillis(), "connectTimeout");
        requirePositive(idleTimeout.toMillis(), "idleTimeout");
        requirePositive(totalTimeout.toMillis(), "totalTimeout");
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be within 0..20, was " + maxRedirects);
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public FetchLimits withMaxWireBytes(long value) {
        return new FetchLimits(value, maxBodyBytes, maxHeaderBytes, connectTimeout, idleTimeout, totalTimeout,
                maxRedirects);
    }

    public FetchLimits withMaxBodyBytes(long value) {
        return new FetchLimits(maxWireBytes, value, maxHeaderBytes, connectTimeout, idleTimeout, totalTimeout,
                maxRedirects);
    }

    public FetchLimits withMaxHeaderBytes(int value) {
        return new FetchLimits(maxWireBytes, maxBodyBytes, value, connectTimeout, idleTimeout, totalTimeout,
                maxRedirects);
    }

    public FetchLimits withConnectTimeout(Duration value) {
        return new FetchLimits(maxWireBytes, maxBodyBytes, maxHeaderBytes, value, idleTimeout, totalTimeout,
                maxRedirects);
    }

    public FetchLimits withIdleTimeout(Duration value) {
        return new FetchLimits(maxWireBytes, maxBodyBytes, maxHeaderBytes, connectTimeout, value, totalTimeout,
                maxRedirects);
    }

    public FetchLimits withTotalTimeout(Duration value) {
        return new FetchLimits(maxWireBytes, maxBodyBytes, maxHeaderBytes, connectTimeout, idleTimeout, value,
                maxRedirects);
    }

    public FetchLimits withMaxRedirects(int value) {
        return new FetchLimits(maxWireBytes, maxBodyBytes, maxHeaderBytes, connectTimeout, idleTimeout, totalTimeout,
                value);
    }
}
