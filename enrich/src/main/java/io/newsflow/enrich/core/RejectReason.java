package io.newsflow.enrich.core;

/** Why expected bad input is not an article. */
public enum RejectReason {
    /** No bytes, or only whitespace. */
    EMPTY_BODY,
    /** Binary content (an image, a PDF, an archive) rather than text. */
    BINARY_CONTENT,
    /** The bytes cannot be read in the declared (or any fitting) charset. */
    UNDECODABLE_CHARSET,
    /** Text, but too little of it after cleaning to be an article. */
    NOT_AN_ARTICLE
}
