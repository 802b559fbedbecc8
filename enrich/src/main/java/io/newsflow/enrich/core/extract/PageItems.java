package io.newsflow.enrich.core.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;

/**
 * Pages holding several items of one kind (blog posts, press releases, each its own wrapper with a heading): the
 * article is the item the page's title names, or every item when the title names none.
 *
 * <p>Readability's selection knows nothing of items, so it returns the best item alone (a second press release
 * lost) or a common ancestor of all of them (the next posts of a blog appended after the target post). Items are
 * sibling elements of one tag sharing a class word (or classless {@code article}s), each with an {@code h1}-{@code h3}
 * heading and real prose. Other items are dropped only when their headings link elsewhere (each has a page of its
 * own): a long article in sections, whose first section may hold the headline, keeps every section.
 */
final class PageItems {
    private static final int MIN_ITEM_PROSE_CHARS = 200;
    private static final double MIN_SHARE_OF_BEST = 0.25;
    private static final double MAX_ITEM_LINK_DENSITY = 0.25;
    private static final int MAX_LEVELS_BELOW_TOP = 3;
    private static final int MAX_ELEMENTS_BEFORE_HEADING = 40;

    private PageItems() {}

    /**
     * The selection adjusted for items, or {@code selection} itself when the page is not made of items.
     *
     * @param top the best-scoring candidate before any climbing
     * @param namesPage whether a heading's text is the page's title
     */
    static List<NodeStats> adjust(
            List<NodeStats> selection, NodeStats top, Map<Element, NodeStats> stats, Predicate<String> namesPage) {
        List<NodeStats> items = itemsAround(top, stats);
        if (items.size() < 2) {
            return selection;
        }
        NodeStats titled = null;
        int titledCount = 0;
        for (NodeStats item : items) {
            if (namesPage.test(headingOf(item).text())) {
                titled = item;
                titledCount++;
            }
        }
        boolean coversAll = covers(selection, items.get(0).parent);
        if (titledCount == 1) {
            for (NodeStats item : items) {
                if (item != titled && headingOf(item).selectFirst("a[href]") == null) {
                    return selection;
                }
            }
            return coversAll || !covers(List.of(titled), selection.get(0)) ? List.of(titled) : selection;
        }
        return titledCount == 0 && !coversAll ? withItems(selection, items) : selection;
    }

    /** The selection plus the items it misses, in document order; a root inside an item gives way to the item. */
    private static List<NodeStats> withItems(List<NodeStats> selection, List<NodeStats> items) {
        List<NodeStats> roots = new ArrayList<>();
        for (NodeStats root : selection) {
            if (items.contains(root) || !covers(items, root)) {
                roots.add(root);
            }
        }
        for (NodeStats item : items) {
            if (!covers(roots, item)) {
                roots.add(item);
            }
        }
        roots.sort((a, b) -> compareDocumentOrder(a.element, b.element));
        return roots;
    }

    private static int compareDocumentOrder(Element a, Element b) {
        List<Integer> pathA = path(a);
        List<Integer> pathB = path(b);
        for (int i = 0; i < Math.min(pathA.size(), pathB.size()); i++) {
            int order = Integer.compare(pathA.get(i), pathB.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(pathA.size(), pathB.size());
    }

    private static List<Integer> path(Element element) {
        List<Integer> path = new ArrayList<>();
        for (Element e = element; e.parent() != null; e = e.parent()) {
            path.add(0, e.elementSiblingIndex());
        }
        return path;
    }

    /**
     * The items of the lowest group that holds {@code top}, or else of the group right below it (a high-weighted
     * container such as {@code main} can outscore the items it holds), in document order; empty when there is none.
     */
    private static List<NodeStats> itemsAround(NodeStats top, Map<Element, NodeStats> stats) {
        for (NodeStats node = top; node != null && node.parent != null; node = node.parent) {
            List<NodeStats> group = groupOf(node, stats);
            if (!group.isEmpty()) {
                return group;
            }
        }
        NodeStats node = top;
        for (int level = 0; level < MAX_LEVELS_BELOW_TOP; level++) {
            NodeStats richest = null;
            for (int i = 0, n = node.element.childrenSize(); i < n; i++) {
                NodeStats child = stats.get(node.element.child(i));
                if (child != null && (richest == null || child.proseChars > richest.proseChars)) {
                    richest = child;
                }
            }
            if (richest == null) {
                break;
            }
            List<NodeStats> group = groupOf(richest, stats);
            if (!group.isEmpty()) {
                return group;
            }
            node = richest;
        }
        return List.of();
    }

    /** {@code node} and its siblings of the same kind when at least two of them are items, else empty. */
    private static List<NodeStats> groupOf(NodeStats node, Map<Element, NodeStats> stats) {
        if (!isItem(node, node.proseChars)) {
            return List.of();
        }
        Set<String> kind = kindWords(node.element);
        if (kind.isEmpty() && !node.element.normalName().equals("article")) {
            return List.of();
        }
        List<NodeStats> group = new ArrayList<>();
        Element parent = node.parent.element;
        for (int i = 0, n = parent.childrenSize(); i < n; i++) {
            NodeStats sibling = stats.get(parent.child(i));
            if (sibling != null && sibling.element.normalName().equals(node.element.normalName())
                    && sameKind(kind, kindWords(sibling.element)) && isItem(sibling, node.proseChars)) {
                group.add(sibling);
            }
        }
        return group.size() >= 2 ? group : List.of();
    }

    private static boolean isItem(NodeStats node, int bestProse) {
        return node.proseChars >= MIN_ITEM_PROSE_CHARS && node.proseChars >= bestProse * MIN_SHARE_OF_BEST
                && node.linkDensity() < MAX_ITEM_LINK_DENSITY && node.classWeight >= 0 && headingOf(node) != null;
    }

    /**
     * The item's first {@code h1}-{@code h3} among its first elements (an item's heading opens it; a bounded look
     * keeps a walk up through big ancestors from scanning the whole page); null when there is none.
     */
    private static Element headingOf(NodeStats node) {
        Deque<Element> pending = new ArrayDeque<>();
        pending.push(node.element);
        for (int seen = 0; !pending.isEmpty() && seen < MAX_ELEMENTS_BEFORE_HEADING; seen++) {
            Element element = pending.pop();
            switch (element.normalName()) {
                case "h1", "h2", "h3" -> {
                    return element;
                }
                default -> {
                    for (int i = element.childrenSize() - 1; i >= 0; i--) {
                        pending.push(element.child(i));
                    }
                }
            }
        }
        return null;
    }

    /** Class words without digits: "post-4521 post type-post" is of kind {post, type-post}. */
    private static Set<String> kindWords(Element element) {
        Set<String> words = new HashSet<>();
        for (String word : element.classNames()) {
            if (!word.isEmpty() && word.chars().noneMatch(Character::isDigit)) {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean sameKind(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        for (String word : a) {
            if (b.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code roots} is {@code node} or an ancestor of it. */
    private static boolean covers(List<NodeStats> roots, NodeStats node) {
        for (NodeStats up = node; up != null; up = up.parent) {
            if (roots.contains(up)) {
                return true;
            }
        }
        return false;
    }
}
