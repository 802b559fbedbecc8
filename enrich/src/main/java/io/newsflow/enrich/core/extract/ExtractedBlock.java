package io.newsflow.enrich.core.extract;

/** One block of extracted content: its kind and its text, whitespace normalised. */
public record ExtractedBlock(Kind kind, String text) {
    public enum Kind {
        HEADING,
        PARAGRAPH,
        ITEM,
        QUOTE
    }
}
