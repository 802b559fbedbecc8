package io.newsflow.enrich.statements;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word-sequence trie: every lexicon phrase is compiled into one of these, so a block is matched in one pass over its
 * tokens (one hash lookup per token and phrase depth) instead of one regular expression per cue.
 */
final class PhraseTrie<T> {
    private final Node<T> root = new Node<>();
    private int size;

    private static final class Node<T> {
        final Map<String, Node<T>> next = new HashMap<>(4);
        T value;
    }

    /** A phrase found at a token position: tokens {@code [start, end)}. */
    record Match<T>(int start, int end, T value) {}

    void put(List<String> words, T value) {
        Node<T> node = root;
        for (String word : words) {
            node = node.next.computeIfAbsent(word, w -> new Node<>());
        }
        if (node.value == null) {
            size++;
        }
        node.value = value;
    }

    boolean remove(List<String> words) {
        Node<T> node = root;
        for (String word : words) {
            node = node.next.get(word);
            if (node == null) {
                return false;
            }
        }
        boolean had = node.value != null;
        node.value = null;
        if (had) {
            size--;
        }
        return had;
    }

    int size() {
        return size;
    }

    /**
     * The longest phrase starting at token {@code from}, reading only tokens before {@code limit} that {@code usable}
     * accepts (a phrase never crosses an unusable token, such as a quotation mark); null when none.
     */
    Match<T> longest(List<Token> tokens, int from, int limit, TokenFilter usable) {
        Node<T> node = root;
        Match<T> best = null;
        for (int i = from; i < limit; i++) {
            Token token = tokens.get(i);
            if (!usable.test(token, i)) {
                break;
            }
            node = node.next.get(token.key);
            if (node == null) {
                break;
            }
            if (node.value != null) {
                best = new Match<>(from, i + 1, node.value);
            }
        }
        return best;
    }

    /** Visits every phrase (as its words) and value. */
    void forEach(java.util.function.BiConsumer<List<String>, T> visitor) {
        visit(root, new java.util.ArrayList<>(), visitor);
    }

    private static <T> void visit(Node<T> node, List<String> path, java.util.function.BiConsumer<List<String>, T> v) {
        if (node.value != null) {
            v.accept(List.copyOf(path), node.value);
        }
        for (Map.Entry<String, Node<T>> e : node.next.entrySet()) {
            path.add(e.getKey());
            visit(e.getValue(), path, v);
            path.remove(path.size() - 1);
        }
    }

    T exact(String word) {
        Node<T> node = root.next.get(word);
        return node == null ? null : node.value;
    }

    @FunctionalInterface
    interface TokenFilter {
        boolean test(Token token, int index);
    }
}
