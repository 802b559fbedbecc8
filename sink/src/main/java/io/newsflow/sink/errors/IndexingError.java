package io.newsflow.sink.errors;

import java.util.Objects;

/**
 * Why Elasticsearch did not accept an operation, as the error policy sees it.
 *
 * @param status the HTTP status of the item (or of the request); {@link #NO_RESPONSE} when no response arrived
 * @param type the Elasticsearch error type ({@code mapper_parsing_exception}), or {@link #CONNECTION_ERROR} when no
 *     response arrived
 * @param reason Elasticsearch's reason text, or the exception message; never the document
 * @param itemLevel true when Elasticsearch answered for this one item, false when the whole request failed
 */
public record IndexingError(int status, String type, String reason, boolean itemLevel) {

    /** Status of a request that got no HTTP response (refused connection, timeout, reset). */
    public static final int NO_RESPONSE = 0;

    /** Type of a request that got no HTTP response. */
    public static final String CONNECTION_ERROR = "connection_error";

    public IndexingError {
        Objects.requireNonNull(type, "type");
        reason = reason == null ? "" : reason;
    }

    /** An error Elasticsearch reported for one bulk item. */
    public static IndexingError item(int status, String type, String reason) {
        return new IndexingError(status, type, reason, true);
    }

    /** A whole bulk request that failed with an HTTP error. */
    public static IndexingError request(int status, String type, String reason) {
        return new IndexingError(status, type, reason, false);
    }

    /** A whole bulk request that got no response at all. */
    public static IndexingError noResponse(Throwable cause) {
        String message = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new IndexingError(NO_RESPONSE, CONNECTION_ERROR, message, false);
    }
}
