package io.newsflow.enrich.streams;

import io.newsflow.enrich.core.RejectReason;

/**
 * Raised by the enrich processor for input the cleaner rejected (empty, binary, undecodable, not an article), so that
 * the processing exception handler writes the dead letter with the record's original bytes, as for any other
 * failure. The message is the cleaner's, which never quotes content.
 */
public final class ArticleRejectedException extends RuntimeException {
    private final RejectReason reason;

    public ArticleRejectedException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
