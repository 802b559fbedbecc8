package io.newsflow.enrich.core.extract;

import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * What stays inside the chosen article: only measured (visible, likely) elements, minus the byline, author boxes,
 * share bars, footers, negatively weighted headings, and containers that Readability's conditional cleaning would
 * remove (link farms, related-article lists, galleries, embeds, forms).
 */
final class ArticleFilter implements BlockWriter.ElementFilter {
    private static final int MAX_SHARE_BAR_CHARS = 500;
    private static final int MAX_AUTHOR_BOX_CHARS = 1000;
    private static final int MAX_CAPTION_CHARS = 400;
    private static final int MAX_DATELINE_CHARS = 100;
    private static final int MAX_LINK_PARAGRAPH_CHARS = 300;
    /** A container of scripts with no more text than this is an ad slot or widget ("Advert", "Sponsored"). */
    private static final int MAX_AD_LABEL_CHARS = 25;
    /** A box of teasers (each a linked heading and a line or two) holds no more than this per heading. */
    private static final int MAX_TEASER_CHARS = 400;
    /** A list that is mostly links is navigation or "related", not the article's own enumeration. */
    private static final double MAX_LIST_LINK_DENSITY = 0.5;

    private final Map<Element, NodeStats> stats;
    private final Set<Element> roots;
    private final NodeStats byline;
    private final boolean cleanConditionally;
    private final int articleChars;

    ArticleFilter(ContentAnalysis analysis, Set<Element> roots, boolean cleanConditionally) {
        this.stats = analysis.stats;
        this.roots = roots;
        this.byline = analysis.byline;
        this.cleanConditionally = cleanConditionally;
        int chars = 0;
        for (Element root : roots) {
            chars += stats.get(root).textChars;
        }
        this.articleChars = chars;
    }

    @Override
    public boolean keep(Element element, TagRole role) {
        NodeStats node = stats.get(element);
        if (node == null || node == byline) {
            return false;
        }
        if (roots.contains(element)) {
            return true;
        }
        if ((node.classFlags & ClassHints.SHARE) != 0 && node.textChars < MAX_SHARE_BAR_CHARS
                || (node.classFlags & ClassHints.CAPTION) != 0 && node.textChars < MAX_CAPTION_CHARS
                || (node.classFlags & ClassHints.AUTHOR_BOX) != 0 && node.textChars < MAX_AUTHOR_BOX_CHARS
                || element.normalName().equals("figure")) {
            return false;
        }
        if (role.isInline()) {
            // A date span inside a sentence is part of the sentence; only date blocks are boilerplate.
            return true;
        }
        if ((node.classFlags & (ClassHints.DATE | ClassHints.BYLINE)) != 0 && node.textChars < MAX_DATELINE_CHARS) {
            return false; // a date line, or the author line of each post of a thread (the first is the byline)
        }
        if (isTeaserBox(node)) {
            return false;
        }
        return switch (role) {
            case HEADING -> node.classWeight >= 0;
            case PARAGRAPH -> !element.normalName().equals("figcaption")
                    && !(node.linkDensity() > 0.75 && node.textChars < MAX_LINK_PARAGRAPH_CHARS);
            case LIST -> !cleanConditionally || !isBoilerplate(node, true);
            case CONTAINER -> switch (element.normalName()) {
                case "footer" -> false;
                case "div", "section", "table", "form", "fieldset", "header", "center" ->
                    !cleanConditionally || !isBoilerplate(node, node.itemChars > 0.9 * node.textChars);
                default -> true;
            };
            default -> true;
        };
    }

    /**
     * "You may also like", "More from this section": two or more headings linking to other pages, each with no more
     * than a teaser's text, in a part smaller than half the article. A listicle whose linked items are the article
     * itself is most of it and stays.
     */
    private boolean isTeaserBox(NodeStats node) {
        return node.linkedHeadings >= 2 && node.textChars <= node.linkedHeadings * MAX_TEASER_CHARS
                && node.textChars * 2 < articleChars;
    }

    /** Readability's _cleanConditionally, computed from the stats gathered in the analysis pass. */
    private static boolean isBoilerplate(NodeStats node, boolean isList) {
        int weight = node.classWeight;
        if (weight < 0) {
            return true;
        }
        if (node.commas >= 10) {
            return false;
        }
        int paragraphs = node.paragraphs;
        int images = node.images;
        int contentLength = node.textChars;
        double linkDensity = node.linkDensity();
        double headingDensity = contentLength == 0 ? 0 : (double) node.headingChars / contentLength;
        return (images > 1 && (double) paragraphs / images < 0.5 && !node.element.normalName().equals("figure"))
                || (!isList && node.items - 100 > paragraphs)
                || node.inputs > paragraphs / 3
                || (!isList && headingDensity < 0.9 && contentLength < 25 && (images == 0 || images > 2)
                        && linkDensity > 0)
                || (!isList && weight < 25 && linkDensity > 0.2)
                || (isList && linkDensity > MAX_LIST_LINK_DENSITY)
                || (weight >= 25 && linkDensity > 0.5)
                || (node.embeds == 1 && contentLength < 75)
                || (node.scripts > 0 && contentLength < MAX_AD_LABEL_CHARS)
                || node.embeds > 1;
    }
}
