package io.newsflow.enrich.core;

/** One paragraph, list item or quotation of an article body. */
public record Block(BlockKind kind, String text) {
    public static Block paragraph(String text) {
        return new Block(BlockKind.PARAGRAPH, text);
    }

    public static Block item(String text) {
        return new Block(BlockKind.ITEM, text);
    }

    public static Block quote(String text) {
        return new Block(BlockKind.QUOTE, text);
    }
}
