package io.newsflow.enrich.core;

/** What a block of body text is; mirrors the contract's BlockKind. */
public enum BlockKind {
    PARAGRAPH,
    ITEM,
    QUOTE
}
