package io.newsflow.sink.errors;

/** What the sink does with a record Elasticsearch did not accept. */
public enum ErrorAction {
    /** Try again later with backoff, the record's partition paused meanwhile. */
    RETRY,
    /** Send the record to the dead-letter topic with the reason; the records around it go on. */
    DEAD_LETTER,
    /** Stop the sink without committing the record: every record would fail the same way (credentials, index). */
    FATAL
}
