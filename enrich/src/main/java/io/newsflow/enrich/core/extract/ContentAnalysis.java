package io.newsflow.enrich.core.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * One bottom-up pass over the body: measures every visible element ({@link NodeStats}), scores paragraphs into
 * their ancestors the way Readability does, notes hidden elements and the byline, and then picks the article's
 * root. Elements that are noise, hidden, or (in strict mode) unlikely candidates get no stats: later steps read
 * "no stats" as "not part of the article".
 */
final class ContentAnalysis {
    /** Paragraphs shorter than this add nothing to their ancestors' score. */
    private static final int MIN_PARAGRAPH_CHARS = 25;
    private static final int SCORED_ANCESTOR_LEVELS = 5;
    private static final int MAX_BYLINE_CHARS = 100;
    private static final double MAX_PROSE_LINK_DENSITY = 0.5;
    /**
     * Deeper than this the walks stop recursing and take the subtree's text flat (jsoup's own iterative text()).
     * Real pages stay far below it; a pathological one (tens of thousands of unclosed tags) must not overflow the
     * stack of the thread that extracts it.
     */
    static final int MAX_DEPTH = 400;
    private static final Evaluator LINK_TO_ANOTHER_PAGE = QueryParser.parse("a[href]:not([href^=#])");

    final Map<Element, NodeStats> stats = new IdentityHashMap<>(1024);
    final List<NodeStats> candidates = new ArrayList<>();
    final boolean stripUnlikely;
    final boolean weightClasses;
    private final ClassHints hints;
    private final Sink sink;
    NodeStats root;
    NodeStats byline;
    /** The first visible h1 of plausible headline length. */
    NodeStats headline;

    /** Receives what the pass meets besides content: hidden elements, and structured data in the body. */
    interface Sink {
        void hidden(Element element);

        /** A meta with an itemprop, or a script that may hold JSON-LD. */
        default void structuredData(Element element) { }
    }

    ContentAnalysis(boolean stripUnlikely, boolean weightClasses, ClassHints hints, Sink sink) {
        this.stripUnlikely = stripUnlikely;
        this.weightClasses = weightClasses;
        this.hints = hints;
        this.sink = sink;
    }

    void run(Element body) {
        root = new NodeStats(body, TagRole.CONTAINER, null);
        if (body.attributesSize() > 0) {
            root.background = Colours.background(body.attributes(), Colours.WHITE);
        }
        stats.put(body, root);
        analyzeChildren(root);
        for (NodeStats candidate : candidates) {
            candidate.score *= 1 - candidate.linkDensity();
        }
    }

    private void analyzeChildren(NodeStats self) {
        Element element = self.element;
        int runChars = 0;
        int runCommas = 0;
        double runLinkChars = 0;
        boolean sawBlock = false;
        for (int i = 0, n = element.childNodeSize(); i < n; i++) {
            Node child = element.childNode(i);
            if (child instanceof TextNode text) {
                String raw = text.getWholeText();
                int chars = 0;
                int commas = 0;
                boolean space = true;
                for (int k = 0, len = raw.length(); k < len; k++) {
                    char c = raw.charAt(k);
                    if (Text.isSpace(c)) {
                        if (!space) {
                            chars++;
                            space = true;
                        }
                    } else if (!Text.isInvisible(c)) {
                        chars++;
                        space = false;
                        if (Text.isComma(c)) {
                            commas++;
                        }
                    }
                }
                self.textChars += chars;
                self.commas += commas;
                runChars += chars;
                runCommas += commas;
            } else if (child instanceof Element childElement) {
                NodeStats childStats = visit(self, childElement);
                if (childStats == null) {
                    continue;
                }
                if (childStats.role.isInline()) {
                    runChars += childStats.textChars;
                    runCommas += childStats.commas;
                    runLinkChars += childStats.linkChars;
                } else {
                    if (runChars > 0) {
                        scoreInlineRun(self, runChars, runCommas, runLinkChars);
                        runChars = 0;
                        runCommas = 0;
                        runLinkChars = 0;
                    }
                    sawBlock = true;
                }
                self.addChild(childStats);
            }
        }
        self.hasBlockChild = sawBlock;
        if (runChars > 0) {
            if (sawBlock) {
                scoreInlineRun(self, runChars, runCommas, runLinkChars);
            } else if (scoresAsParagraph(self)) {
                self.paragraphs++;
                addProse(self, self.textChars, self.linkChars);
                if (self.parent != null) {
                    scoreParagraph(self.parent, self.textChars, self.commas);
                }
            }
        }
    }

    /** Measures one child element; null when it is not visible article material. */
    private NodeStats visit(NodeStats parent, Element element) {
        String name = element.normalName();
        TagRole role = TagRole.of(name);
        if (role == TagRole.NOISE) {
            countNoise(parent, name);
            if ((name.equals("script") || name.equals("meta")) && element.attributesSize() > 0) {
                sink.structuredData(element);
            }
            if (!isInvisibleByNature(name) && element.attributesSize() > 0
                    && Visibility.isHidden(element.attributes(), element.attributes().get("class"))) {
                sink.hidden(element);
            }
            return null;
        }
        NodeStats self = new NodeStats(element, role, parent);
        if (element.attributesSize() > 0) {
            Attributes attributes = element.attributes();
            String classValue = attributes.get("class");
            if (Visibility.isHidden(attributes, classValue)) {
                sink.hidden(element);
                return null;
            }
            self.background = Colours.background(attributes, parent.background);
            // Only inline text is judged by its colour: a container's colour may sit on a stylesheet's background.
            if (role.isInline() && Colours.hidesText(attributes, name, self.background)) {
                sink.hidden(element);
                return null;
            }
            int classFlags = hints.flags(classValue);
            int idFlags = hints.flags(attributes.get("id"));
            self.classFlags = classFlags | idFlags;
            self.classWeight = weightClasses ? ClassHints.weight(classFlags, idFlags) : 0;
            if (isHoverCard(self, name, attributes.get("role"))) {
                sink.hidden(element);
                return null;
            }
            if (attributes.get("itemprop").startsWith("date")) {
                self.classFlags |= ClassHints.DATE;
            }
            if ((stripUnlikely && isUnlikely(self, name, attributes.get("role")))
                    || ((self.classFlags & ClassHints.NOT_CONTENT) != 0 && !self.insideTable)) {
                scanForHidden(element);
                return null;
            }
            if (byline == null && isBylineMarker(self, attributes)) {
                byline = self;
            }
        }
        stats.put(element, self);
        if (self.depth >= MAX_DEPTH) {
            measureFlat(self);
        } else if (role != TagRole.LINE_BREAK) {
            analyzeChildren(self);
        }
        switch (role) {
            case PARAGRAPH -> {
                if (!self.hasBlockChild && self.paragraphs == 0) {
                    self.paragraphs = 1;
                }
            }
            case ITEM -> {
                self.items++;
                self.itemChars = self.textChars;
            }
            case HEADING -> {
                self.headingChars = self.textChars;
                if (self.linkChars > 0 && element.selectFirst(LINK_TO_ANOTHER_PAGE) != null) {
                    self.linkedHeadings = 1;
                }
            }
            default -> { }
        }
        if (name.equals("a")) {
            String href = element.attributes().get("href");
            self.linkChars = self.textChars * (href.startsWith("#") ? 0.3 : 1.0);
            if (self.headingChars > 0 && !href.isEmpty() && !href.startsWith("#")) {
                self.linkedHeadings = 1; // a link wrapping a teaser's heading
            }
        }
        if (headline == null && name.equals("h1") && self.textChars >= 10 && self.textChars <= 300) {
            headline = self;
        }
        if (byline == self && (self.textChars == 0 || self.textChars > MAX_BYLINE_CHARS)) {
            byline = null;
        }
        return self;
    }

    /** A too-deep subtree counts as one paragraph of its whole text. */
    private void measureFlat(NodeStats self) {
        String text = self.element.text();
        self.textChars = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (Text.isComma(text.charAt(i))) {
                self.commas++;
            }
        }
        self.paragraphs = 1;
        addProse(self, self.textChars, 0);
        if (self.parent != null) {
            scoreParagraph(self.parent, self.textChars, self.commas);
        }
    }

    private boolean isUnlikely(NodeStats self, String name, String ariaRole) {
        if (!ariaRole.isEmpty() && ClassHints.isUnlikelyRole(ariaRole)) {
            return true;
        }
        // A heading's "header" or "title" class names its own box ("wprm-recipe-header"), not the page's header.
        return (self.classFlags & ClassHints.UNLIKELY) != 0
                && !self.insideTable
                && !name.equals("a")
                && !name.equals("code")
                && self.role != TagRole.HEADING;
    }

    /**
     * A tooltip, or a hover-card class on an element inside a link or inline run that follows what triggers it
     * (a link, a term). The trigger itself (the link, the span wrapping link and card) stays.
     */
    private static boolean isHoverCard(NodeStats self, String name, String ariaRole) {
        if (ariaRole.equals("tooltip")) {
            return true;
        }
        if ((self.classFlags & ClassHints.HOVER_CARD) == 0 || name.equals("a") || !self.parent.role.isInline()) {
            return false;
        }
        for (Node before = self.element.previousSibling(); before != null; before = before.previousSibling()) {
            if (before instanceof Element || before instanceof TextNode text && !text.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBylineMarker(NodeStats self, Attributes attributes) {
        if ((self.classFlags & ClassHints.BYLINE) != 0) {
            return true;
        }
        return attributes.get("rel").equals("author") || attributes.get("itemprop").contains("author");
    }

    private static boolean isInvisibleByNature(String name) {
        return switch (name) {
            case "script", "style", "noscript", "template", "link", "meta", "base", "head", "title", "param",
                 "source", "track" -> true;
            default -> false;
        };
    }

    private static void countNoise(NodeStats parent, String name) {
        switch (name) {
            case "input", "select", "textarea", "button" -> parent.inputs++;
            case "iframe", "object", "embed", "video", "audio" -> parent.embeds++;
            case "script", "noscript" -> parent.scripts++;
            case "img", "picture", "svg" -> parent.images++;
            default -> { }
        }
    }

    /** Hidden elements inside a skipped unlikely subtree are still reported (spam hides in footers). */
    private void scanForHidden(Element element) {
        scanForHidden(element, 0);
    }

    private void scanForHidden(Element element, int depth) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (int i = 0, n = element.childNodeSize(); i < n; i++) {
            if (element.childNode(i) instanceof Element child) {
                String name = child.normalName();
                if (isInvisibleByNature(name)) {
                    continue;
                }
                if (child.attributesSize() > 0
                        && Visibility.isHidden(child.attributes(), child.attributes().get("class"))) {
                    sink.hidden(child);
                } else {
                    scanForHidden(child, depth + 1);
                }
            }
        }
    }

    private static boolean scoresAsParagraph(NodeStats self) {
        return switch (self.role) {
            case PARAGRAPH, CELL, CONTAINER, QUOTE -> true;
            case HEADING -> !self.element.normalName().equals("h1");
            default -> false;
        };
    }

    /** Inline text beside blocks is a paragraph of its own whose parent is the element holding it. */
    private void scoreInlineRun(NodeStats holder, int chars, int commas, double linkChars) {
        holder.paragraphs++;
        addProse(holder, chars, linkChars);
        scoreParagraph(holder, chars, commas);
    }

    private static void addProse(NodeStats holder, int chars, double linkChars) {
        if (chars >= MIN_PARAGRAPH_CHARS && linkChars < chars * MAX_PROSE_LINK_DENSITY) {
            holder.proseChars += chars;
        }
    }

    private void scoreParagraph(NodeStats parent, int chars, int commas) {
        if (chars < MIN_PARAGRAPH_CHARS) {
            return;
        }
        double score = 1 + commas + Math.min(chars / 100, 3);
        NodeStats ancestor = parent;
        for (int level = 0; level < SCORED_ANCESTOR_LEVELS && ancestor != null; level++) {
            if (!ancestor.candidate) {
                initializeCandidate(ancestor);
            }
            double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            ancestor.score += score / divider;
            ancestor = ancestor.parent;
        }
    }

    private void initializeCandidate(NodeStats node) {
        node.candidate = true;
        node.score = baseScore(node.element.normalName()) + node.classWeight;
        candidates.add(node);
    }

    private static int baseScore(String name) {
        return switch (name) {
            case "div" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
    }

    private static final int TOP_CANDIDATES = 5;
    private static final int MIN_SIBLING_PROSE_CHARS = 200;
    private static final int MIN_ALTERNATIVES_SHARING_ANCESTOR = 3;

    /**
     * The article: the best candidate, moved up to an ancestor when other strong candidates share it or when the
     * ancestor scores better, plus those siblings that look like more of the same (Readability's sibling merging).
     * Empty when no paragraph scored at all; the caller then falls back to the whole body. On a page of several
     * items the selection is then narrowed or widened to them ({@link PageItems}).
     *
     * @param namesPage whether a heading's text is the page's title
     */
    List<NodeStats> selectArticle(Predicate<String> namesPage) {
        List<NodeStats> top = topCandidates();
        if (top.isEmpty() || top.get(0) == root) {
            return List.of(root);
        }
        return PageItems.adjust(selectAround(top), top.get(0), stats, namesPage);
    }

    private List<NodeStats> selectAround(List<NodeStats> top) {
        NodeStats best = top.get(0);
        best = preferSharedAncestor(best, top);
        best = climbWhileParentScoresBetter(best);
        while (best.parent != null && best.parent != root && best.parent.element.childrenSize() == 1) {
            best = best.parent;
        }
        if (best.parent == null) {
            return List.of(best);
        }
        return mergeSiblings(best);
    }

    private List<NodeStats> topCandidates() {
        List<NodeStats> sorted = new ArrayList<>(candidates);
        sorted.sort((a, b) -> Double.compare(b.score, a.score));
        return sorted.subList(0, Math.min(TOP_CANDIDATES, sorted.size()));
    }

    private NodeStats preferSharedAncestor(NodeStats best, List<NodeStats> top) {
        List<NodeStats> alternatives = new ArrayList<>();
        for (int i = 1; i < top.size(); i++) {
            if (best.score > 0 && top.get(i).score / best.score >= 0.75) {
                alternatives.add(top.get(i));
            }
        }
        if (alternatives.size() < MIN_ALTERNATIVES_SHARING_ANCESTOR) {
            return best;
        }
        for (NodeStats ancestor = best.parent; ancestor != null && ancestor != root; ancestor = ancestor.parent) {
            int sharing = 0;
            for (NodeStats alternative : alternatives) {
                if (isAncestor(ancestor, alternative)) {
                    sharing++;
                }
            }
            if (sharing >= MIN_ALTERNATIVES_SHARING_ANCESTOR) {
                if (!ancestor.candidate) {
                    initializeCandidate(ancestor);
                }
                return ancestor;
            }
        }
        return best;
    }

    private static boolean isAncestor(NodeStats ancestor, NodeStats node) {
        for (NodeStats up = node.parent; up != null; up = up.parent) {
            if (up == ancestor) {
                return true;
            }
        }
        return false;
    }

    private NodeStats climbWhileParentScoresBetter(NodeStats best) {
        double lastScore = best.score;
        double threshold = lastScore / 3;
        for (NodeStats parent = best.parent; parent != null && parent != root; parent = parent.parent) {
            if (!parent.candidate) {
                continue;
            }
            if (parent.score < threshold) {
                break;
            }
            if (parent.score > lastScore) {
                return parent;
            }
            lastScore = parent.score;
        }
        return best;
    }

    private List<NodeStats> mergeSiblings(NodeStats best) {
        double threshold = Math.max(10, best.score * 0.2);
        String bestClass = best.element.attributes().get("class");
        List<NodeStats> article = new ArrayList<>();
        Element parent = best.parent.element;
        for (int i = 0, n = parent.childrenSize(); i < n; i++) {
            NodeStats sibling = stats.get(parent.child(i));
            if (sibling == null) {
                continue;
            }
            if (sibling == best || isWorthySibling(sibling, bestClass, best.score, threshold)
                    || isMoreProse(sibling, best, bestClass) || bothTabPanels(sibling, best)) {
                article.add(sibling);
            }
        }
        return article;
    }

    private static boolean isWorthySibling(NodeStats sibling, String bestClass, double bestScore, double threshold) {
        double bonus = 0;
        if (!bestClass.isEmpty() && bestClass.equals(sibling.element.attributes().get("class"))) {
            bonus = bestScore * 0.2;
        }
        if (sibling.candidate && sibling.score + bonus >= threshold) {
            return true;
        }
        boolean paragraphLike = sibling.role == TagRole.PARAGRAPH
                || (!sibling.hasBlockChild && sibling.role == TagRole.CONTAINER);
        if (!paragraphLike) {
            return false;
        }
        double linkDensity = sibling.linkDensity();
        int length = sibling.textChars;
        if (length > 80) {
            return linkDensity < 0.25;
        }
        return length > 0 && linkDensity == 0 && endsSentence(sibling.element.text());
    }

    /**
     * A sibling holding a good share of the article's prose, too deep for scores to reach it: articles split into
     * several sections around figures or ads.
     */
    private static boolean isMoreProse(NodeStats sibling, NodeStats best, String bestClass) {
        if (sibling.linkDensity() >= 0.25 || sibling.classWeight < 0 || sibling.proseChars < MIN_SIBLING_PROSE_CHARS) {
            return false;
        }
        boolean sameKind = !bestClass.isEmpty() && bestClass.equals(sibling.element.attributes().get("class"));
        return sameKind || sibling.proseChars >= best.proseChars * 0.3;
    }

    /** The other panels of the tabs the article's best panel is one of (a product's "Care" beside "Description"). */
    private static boolean bothTabPanels(NodeStats sibling, NodeStats best) {
        Element a = sibling.element;
        Element b = best.element;
        return a.attributesSize() > 0 && b.attributesSize() > 0 && sibling.linkDensity() < 0.25
                && Visibility.isTabPanel(a.attributes(), a.attributes().get("class"))
                && Visibility.isTabPanel(b.attributes(), b.attributes().get("class"));
    }

    private static boolean endsSentence(String text) {
        int dot = text.indexOf('.');
        while (dot >= 0) {
            if (dot == text.length() - 1 || text.charAt(dot + 1) == ' ') {
                return true;
            }
            dot = text.indexOf('.', dot + 1);
        }
        return false;
    }
}
