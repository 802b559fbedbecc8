package io.newsflow.enrich.core;

/** The cleaner's answer: a cleaned article, or a typed rejection of expected bad input. */
public sealed interface CleanResult {

    record Cleaned(CleanedArticle article) implements CleanResult {}

    /** @param message what was wrong, never including the content itself */
    record Rejected(RejectReason reason, String message) implements CleanResult {}
}
