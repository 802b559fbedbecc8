package io.newsflow.enrich.core.extract;

import org.jsoup.nodes.Element;

/**
 * Subtree measurements of one visible element, gathered bottom-up in the single analysis pass so that scoring,
 * sibling merging and conditional cleaning never walk the tree again.
 */
final class NodeStats {
    final Element element;
    final TagRole role;
    final NodeStats parent;

    /** Visible characters of the subtree, white space collapsed. */
    int textChars;
    /** Of those, characters inside links (in-page "#" links count 30%, as Readability does). */
    double linkChars;
    int commas;
    /** Characters in paragraphs of at least 25 characters that are mostly not links: the article-like text. */
    int proseChars;
    /** Paragraphs in the subtree: p elements and runs of inline text between blocks. */
    int paragraphs;
    int items;
    int headingChars;
    int inputs;
    int embeds;
    /** Scripts and noscript fallbacks: what an ad slot or widget consists of besides its label. */
    int scripts;
    int images;
    /** Headings that link to another page (a teaser's title, "<h4><a href=...>"), to tell "related posts" boxes. */
    int linkedHeadings;
    /** Characters inside list items, to tell a list-shaped container from prose. */
    int itemChars;
    boolean hasBlockChild;
    boolean insideTable;
    /** Levels below the body. */
    final int depth;

    /** The colour behind the element's text ({@link Colours}), from inline styles and attributes down the tree. */
    int background;
    int classFlags;
    int classWeight;

    /** Readability content score; meaningful only once {@link #candidate} is set. */
    double score;
    boolean candidate;

    NodeStats(Element element, TagRole role, NodeStats parent) {
        this.element = element;
        this.role = role;
        this.parent = parent;
        this.insideTable = parent != null && (parent.insideTable || "table".equals(parent.element.normalName()));
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.background = parent == null ? Colours.WHITE : parent.background;
    }

    double linkDensity() {
        return textChars == 0 ? 0 : Math.min(1.0, linkChars / textChars);
    }

    void addChild(NodeStats child) {
        textChars += child.textChars;
        linkChars += child.linkChars;
        commas += child.commas;
        proseChars += child.proseChars;
        paragraphs += child.paragraphs;
        items += child.items;
        headingChars += child.headingChars;
        inputs += child.inputs;
        embeds += child.embeds;
        scripts += child.scripts;
        images += child.images;
        itemChars += child.itemChars;
        linkedHeadings += child.linkedHeadings;
    }
}
