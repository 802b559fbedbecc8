package io.newsflow.enrich.statements;

/**
 * A direct quotation in a block: the opening mark at {@code open}, the words in {@code [contentStart, contentEnd)}
 * and the closing mark at {@code close}, or -1 when the page never closed it (then the span was bounded). When the
 * page lost the opening mark, {@code open == contentStart} and there is no opening mark.
 */
record QuoteSpan(int open, int contentStart, int contentEnd, int close) {
    boolean openMarked() {
        return contentStart > open;
    }

    boolean closed() {
        return close >= 0;
    }

    /** Offset just after the quotation, its closing mark included. */
    int end() {
        return closed() ? close + 1 : contentEnd;
    }

    String content(String text) {
        return text.substring(contentStart, contentEnd).strip();
    }
}
