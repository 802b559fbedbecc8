package io.newsflow.enrich.core.extract;

/**
 * One block of extracted content: its kind and its text, whitespace normalised (single spaces, trimmed, never empty),
 * except that a single {@code <br>} inside the block is kept as {@code '\n'} (addresses, verse, one-line-per-item
 * footers); two or more {@code <br>} in a row start a new block.
 */
public record ExtractedBlock(Kind kind, String text) {
    public enum Kind {
        HEADING,
        PARAGRAPH,
        ITEM,
        QUOTE
    }
}
