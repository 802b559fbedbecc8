package io.newsflow.sink.errors;

/** What the sink does with a record Elasticsearch did not accept. */
public enum ErrorAction {
    /** An environment fault: try again later with backoff and no attempt limit, the record's partition paused. */
    RETRY,
    /** The record's own fault: send it to the dead-letter topic with the reason; the records around it go on. */
    DEAD_LETTER,
    /** Stop the sink without committing the record. No default rule is fatal; a configured rule may be. */
    FATAL
}
