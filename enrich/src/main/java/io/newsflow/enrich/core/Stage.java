package io.newsflow.enrich.core;

/**
 * The stages of cleaning one page, in the order they run. Decoding and extraction are required: without them there
 * is no article, and their failure dead-letters the page. The others are optional: when one throws or the article's
 * time budget is spent, the article is published without that stage's output and says so in
 * {@link CleanedArticle#degraded()}.
 */
public enum Stage {
    /** Bytes to text: BOM, declared or sniffed charset, binary detection. */
    DECODE(false),
    /** Main text from HTML (or blocks from plain text). */
    EXTRACTION(false),
    /** Spam and boilerplate lines removed; without it the extracted text goes on unstripped. */
    SPAM(true),
    /** Title, lead, sections, byline and credit; without it every extracted block is a lead paragraph. */
    SEGMENTATION(true),
    /** Language detection; without it the language is unknown (null). */
    LANGUAGE(true),
    /** Statement tagging; without it the article has no statements. */
    STATEMENTS(true);

    private final boolean optional;

    Stage(boolean optional) {
        this.optional = optional;
    }

    /** Whether the article can be published without this stage's output. */
    public boolean optional() {
        return optional;
    }
}
