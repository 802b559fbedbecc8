package io.newsflow.ingest.http;

/** Internal control flow: a fetch step failed for a typed reason. Never escapes {@link SafeFetcher}. */
final class FetchException extends Exception {

    private final FetchFailure.Reason reason;
    private final int status;
    private final ResponseHeaders headers;

    FetchException(FetchFailure.Reason reason, String message) {
        this(reason, message, 0, ResponseHeaders.EMPTY, null);
    }

    FetchException(FetchFailure.Reason reason, String message, Throwable cause) {
        this(reason, message, 0, ResponseHeaders.EMPTY, cause);
    }

    FetchException(FetchFailure.Reason reason, String message, int status, ResponseHeaders headers, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.status = status;
        this.headers = headers;
    }

    FetchFailure.Reason reason() {
        return reason;
    }

    int status() {
        return status;
    }

    ResponseHeaders headers() {
        return headers;
    }
}
