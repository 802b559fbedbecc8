package io.newsflow.enrich.statements;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the top-level direct quotations of one block: “curly” and "straight" double quotes, « guillemets », and
 * ‘single’ quotes where they clearly pair up. Curly double marks pair by position, not by glyph (scraped Indonesian
 * text opens with ” and closes with “ as often as not); a closing mark whose opener the page lost still ends a
 * quotation, from the block's (or the sentence's) start. Quotations nested inside another are part of it. A mark that is never
 * closed (common on scraped pages) does not swallow the rest of the block: the quotation is cut at the end of its
 * sentence, or runs to the end of the paragraph when it opens the paragraph (the English convention for a quotation
 * continued in the next paragraph); no quotation is longer than {@link #MAX_QUOTE} characters.
 */
final class QuoteScanner {
    static final int MAX_QUOTE = 1500;
    private static final int SINGLE_PAIR_REACH = 300;

    private static final int NONE = 0;
    private static final int OPEN = 1;
    private static final int CLOSE = 2;
    private static final int EITHER = 3;

    private static final char CURLY = 'c';
    private static final char STRAIGHT = 's';
    private static final char GUILLEMET = 'g';
    private static final char CURLY_SINGLE = 'q';
    private static final char STRAIGHT_SINGLE = 'a';

    private QuoteScanner() {}

    static List<QuoteSpan> scan(String text) {
        return scan(text, java.util.Set.of());
    }

    /**
     * @param attributionWords lower-case words that start an attribution (", said", ", kata"): an unclosed
     *     quotation stops at a comma followed by one of them
     */
    static List<QuoteSpan> scan(String text, java.util.Set<String> attributionWords) {
        List<QuoteSpan> spans = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int openAt = -1;
        char openFamily = 0;
        while (true) {
            if (openAt >= 0 && (i >= n || i - openAt > MAX_QUOTE)) {
                // Never closed: bound it, then read on right after the bounded part.
                QuoteSpan cut = unclosed(text, openAt, Math.min(i, n), attributionWords);
                spans.add(cut);
                i = Math.max(cut.contentEnd(), openAt + 1);
                openAt = -1;
                continue;
            }
            if (i >= n) {
                return spans;
            }
            char c = text.charAt(i);
            char family = familyOf(c);
            if (family == 0) {
                i++;
                continue;
            }
            int role = roleOf(text, i, c, family);
            if (openAt < 0 && role == CLOSE && !isSingle(family)) {
                // A closing mark with no opener: the page lost it ("Kami masih mendata,” tutur Nushy.").
                QuoteSpan inferred = inferredOpener(text, i, spans, attributionWords);
                if (inferred != null) {
                    spans.add(inferred);
                }
                i++;
                continue;
            }
            if (openAt < 0) {
                boolean opens = role == OPEN || (role == EITHER && family == STRAIGHT);
                if (opens && isSingle(family) && !pairedAhead(text, i, family)) {
                    opens = false;
                }
                if (opens) {
                    openAt = i;
                    openFamily = family;
                }
            } else if (family == openFamily && (role == CLOSE || role == EITHER)) {
                spans.add(new QuoteSpan(openAt, openAt + 1, i, i));
                openAt = -1;
            } else if (family == openFamily && role == OPEN) {
                // The same mark opening again: the earlier quotation was never closed.
                spans.add(unclosed(text, openAt, i, attributionWords));
                openAt = i;
            }
            i++;
        }
    }

    /**
     * The quotation a closing mark without an opener ends, when the mark closes a quotation for sure (a comma before
     * it, or an attribution after it): it starts at the block's first word, or at the first sentence after the
     * previous quotation's sentence. Null when no such start lies within {@link #MAX_QUOTE} characters.
     */
    private static QuoteSpan inferredOpener(String text, int close, List<QuoteSpan> before,
            java.util.Set<String> attributionWords) {
        boolean commaBefore = close > 0 && text.charAt(close - 1) == ',';
        if (!commaBefore && !attributionFollows(text, close + 1, attributionWords)) {
            return null;
        }
        int from = 0;
        if (!before.isEmpty()) {
            from = sentenceEnd(text, before.get(before.size() - 1).end(), close);
            if (from >= close) {
                return null;
            }
        }
        while (from < close && !Character.isLetterOrDigit(text.charAt(from))) {
            from++;
        }
        if (from >= close || close - from > MAX_QUOTE || text.indexOf(' ', from) < 0
                || text.indexOf(' ', from) >= close) {
            return null; // one word is no quotation
        }
        return new QuoteSpan(from, from, close, close);
    }

    /** ", kata", " ujarnya", " he said": the next word starts an attribution. */
    private static boolean attributionFollows(String text, int from, java.util.Set<String> words) {
        int w = from;
        while (w < text.length() && (Character.isWhitespace(text.charAt(w)) || text.charAt(w) == ',')) {
            w++;
        }
        int we = w;
        while (we < text.length() && Character.isLetter(text.charAt(we))) {
            we++;
        }
        return we > w && words.contains(text.substring(w, we).toLowerCase(java.util.Locale.ROOT));
    }

    /** Bounds a quotation whose closing mark never came, never past {@code limit}. */
    private static QuoteSpan unclosed(String text, int open, int limit, java.util.Set<String> attributionWords) {
        int end;
        if (onlyLeadIn(text, open) && limit - open <= MAX_QUOTE) {
            end = limit;
        } else {
            end = Math.min(sentenceEnd(text, open + 1, limit), open + 1 + MAX_QUOTE);
        }
        end = attributionCut(text, open + 1, end, attributionWords);
        while (end > open + 1 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new QuoteSpan(open, open + 1, Math.max(end, open + 1), -1);
    }

    /** "“We will not go back, said Pieter de Vries": the quotation ends at the comma before "said". */
    private static int attributionCut(String text, int from, int end, java.util.Set<String> words) {
        if (words.isEmpty()) {
            return end;
        }
        for (int k = from; k < end; k++) {
            if (text.charAt(k) != ',') {
                continue;
            }
            int w = k + 1;
            while (w < end && Character.isWhitespace(text.charAt(w))) {
                w++;
            }
            int we = w;
            while (we < end && Character.isLetter(text.charAt(we))) {
                we++;
            }
            if (we > w && words.contains(text.substring(w, we).toLowerCase(java.util.Locale.ROOT))) {
                return k + 1;
            }
        }
        return end;
    }

    private static boolean onlyLeadIn(String text, int pos) {
        for (int k = 0; k < pos; k++) {
            char c = text.charAt(k);
            if (!Character.isWhitespace(c) && c != '–' && c != '—' && c != '-' && c != '•') {
                return false;
            }
        }
        return true;
    }

    private static int sentenceEnd(String text, int from, int limit) {
        for (int k = from; k < limit; k++) {
            char c = text.charAt(k);
            if ((c == '.' || c == '!' || c == '?' || c == '…')
                    && (k + 1 >= limit || Character.isWhitespace(text.charAt(k + 1)))) {
                int next = k + 1;
                while (next < limit && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next >= limit || !Character.isLowerCase(text.charAt(next))) {
                    return k + 1;
                }
            }
        }
        return limit;
    }

    private static boolean isSingle(char family) {
        return family == CURLY_SINGLE || family == STRAIGHT_SINGLE;
    }

    /** A single quote opens a quotation only if its closing mark follows within reach. */
    private static boolean pairedAhead(String text, int open, char family) {
        int limit = Math.min(text.length(), open + SINGLE_PAIR_REACH);
        for (int k = open + 1; k < limit; k++) {
            char c = text.charAt(k);
            if (familyOf(c) == family) {
                int role = roleOf(text, k, c, family);
                if (role == CLOSE || role == EITHER) {
                    return k > open + 1;
                }
            }
        }
        return false;
    }

    private static char familyOf(char c) {
        return switch (c) {
            case '“', '”', '„' -> CURLY;
            case '"' -> STRAIGHT;
            case '«', '»' -> GUILLEMET;
            case '‘', '’' -> CURLY_SINGLE;
            case '\'' -> STRAIGHT_SINGLE;
            default -> 0;
        };
    }

    private static int roleOf(String text, int i, char c, char family) {
        char prev = i > 0 ? text.charAt(i - 1) : ' ';
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        boolean openerBefore = Character.isWhitespace(prev) || "([{–—-:/".indexOf(prev) >= 0 || familyOf(prev) != 0;
        boolean wordAfter = Character.isLetterOrDigit(next) || familyOf(next) != 0 || next == '.' || next == '…';
        boolean wordBefore = !Character.isWhitespace(prev);
        boolean endAfter = Character.isWhitespace(next) || ".,;:!?)]}…–—-".indexOf(next) >= 0 || familyOf(next) != 0
                || i + 1 >= text.length();
        switch (family) {
            case CURLY -> {
                if (c == '„') {
                    return OPEN;
                }
                // Scraped text swaps the glyphs (”Kami ..., ” or “...,“ kata X): the position decides, the glyph
                // only breaks a tie.
                boolean opening = openerBefore && wordAfter;
                boolean closing = wordBefore && endAfter;
                if (opening != closing) {
                    return opening ? OPEN : CLOSE;
                }
                return c == '“' ? OPEN : CLOSE;
            }
            case GUILLEMET -> {
                return c == '«' ? OPEN : CLOSE;
            }
            case STRAIGHT -> {
                if (openerBefore && !Character.isWhitespace(next)) {
                    return OPEN;
                }
                if (wordBefore && endAfter) {
                    return CLOSE;
                }
                return EITHER;
            }
            default -> {
                // Single quotes double as apostrophes: between letters they are one ("Jum'at", "don’t").
                if (Character.isLetterOrDigit(prev) && Character.isLetterOrDigit(next)) {
                    return NONE;
                }
                if (openerBefore && Character.isLetterOrDigit(next)) {
                    return OPEN;
                }
                if (wordBefore && endAfter) {
                    return CLOSE;
                }
                return NONE;
            }
        }
    }
}
