package io.newsflow.enrich.core.spam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A rule's regular expression with the words it cannot match without: runs of ASCII letters and digits, read from
 * the pattern's source, of which every match holds at least one ({@code \bscroll\s+(to|down\s+to)…} needs "scroll";
 * {@code ^(baca|lihat)\s+…} needs "baca" or "lihat"). A line folded once by {@link #fold} and searched for them
 * with {@code String.indexOf} is far cheaper than running the expression at every position of every line, and most
 * lines hold none of them, so the expression runs only where it can match: results are those of the expression.
 *
 * <p>Case is folded on both sides as {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE} compares
 * characters (lower case of upper case), which also holds for ASCII-only and case-sensitive matching. Anything the
 * reader does not know for sure (comments mode, {@code \Q…\E}, back references, octal escapes, nested or
 * intersected classes, a pattern with no word of {@value #MIN_LENGTH} characters that it must hold) leaves the
 * pattern without words, and it then runs on every line.
 */
public final class GuardedPattern {
    static final int MIN_LENGTH = 3;
    private static final Comparator<List<String>> WEAKEST_FIRST = Comparator
            .comparingInt((List<String> words) -> words.stream().mapToInt(String::length).min().orElse(0))
            .thenComparing(words -> -words.size());

    private final Pattern pattern;
    private final List<String> anyOf;

    private GuardedPattern(Pattern pattern, List<String> anyOf) {
        this.pattern = pattern;
        this.anyOf = List.copyOf(anyOf);
    }

    static GuardedPattern of(Pattern pattern) {
        return new GuardedPattern(pattern, requiredWords(pattern));
    }

    public Pattern pattern() {
        return pattern;
    }

    private static List<String> requiredWords(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return List.of();
        }
        try {
            Reader reader = new Reader(pattern.pattern());
            List<String> words = reader.alternation();
            if (reader.pos != reader.source.length() || words == null
                    || words.stream().anyMatch(w -> w.length() < MIN_LENGTH)) {
                return List.of();
            }
            return words.stream().map(GuardedPattern::fold).distinct().toList();
        } catch (Unknown e) {
            return List.of();
        }
    }

    /** The folded words, one of which a match holds; empty when the pattern must run on every line. */
    List<String> anyOf() {
        return anyOf;
    }

    /** False only when the expression cannot match anywhere in the text that {@code folded} is the fold of. */
    boolean mayMatch(String folded) {
        if (anyOf.isEmpty()) {
            return true;
        }
        for (String word : anyOf) {
            if (folded.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Each character as case-insensitive matching compares it: the lower case of its upper case. */
    static String fold(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c)
                    : Character.toLowerCase(Character.toUpperCase(c));
            if (f != c && out == null) {
                out = text.toCharArray();
            }
            if (out != null) {
                out[i] = f;
            }
        }
        return out == null ? text : new String(out);
    }

    /** Thrown on any construct the reader does not know; the pattern then has no words. */
    private static final class Unknown extends Exception {
        Unknown() {
            super(null, null, false, false);
        }
    }

    /** Recursive descent over the pattern source: alternation, sequence, item, quantifier. */
    private static final class Reader {
        final String source;
        int pos;

        Reader(String source) {
            this.source = source;
        }

        /** Up to an unmatched ')' or the end: each branch's words together, or null when a branch has none. */
        List<String> alternation() throws Unknown {
            LinkedHashSet<String> union = new LinkedHashSet<>();
            boolean everyBranch = true;
            while (true) {
                List<String> branch = sequence();
                if (branch == null) {
                    everyBranch = false;
                } else {
                    union.addAll(branch);
                }
                if (pos < source.length() && source.charAt(pos) == '|') {
                    pos++;
                } else {
                    return everyBranch ? new ArrayList<>(union) : null;
                }
            }
        }

        /** Every item of a sequence must match, so its best single requirement stands for it (null: none). */
        private List<String> sequence() throws Unknown {
            List<String> best = null;
            StringBuilder run = new StringBuilder();
            while (pos < source.length()) {
                char c = source.charAt(pos);
                if (c == '|' || c == ')') {
                    break;
                }
                List<String> group = null;
                boolean letter = false;
                switch (c) {
                    case '(' -> group = group();
                    case '[' -> skipClass();
                    case '\\' -> skipEscape();
                    default -> {
                        pos++;
                        letter = isAsciiLetterOrDigit(c);
                    }
                }
                int min = quantifierMin();
                if (letter && min < 0) {
                    run.append(c);
                    continue;
                }
                best = better(best, run);
                run.setLength(0);
                if (group != null && min != 0) {
                    best = better(best, group);
                }
            }
            return better(best, run);
        }

        /** After '(': the group's words when its content must match, null for look-arounds and flag settings. */
        private List<String> group() throws Unknown {
            pos++;
            boolean required = true;
            if (peek() == '?') {
                pos++;
                char kind = peek();
                if (kind == ':' || kind == '>' || kind == '=' || kind == '!') {
                    required = kind == ':' || kind == '>';
                    pos++;
                } else if (kind == '<') {
                    pos++;
                    if (peek() == '=' || peek() == '!') {
                        required = false;
                        pos++;
                    } else {
                        skipName('>');
                    }
                } else if (flags()) {
                    return null; // (?i) alone: changes how what follows matches, matches nothing itself
                }
            }
            List<String> words = alternation();
            if (peek() != ')') {
                throw new Unknown();
            }
            pos++;
            return required ? words : null;
        }

        /** Inline flags, then ':' (a group: false) or ')' (flags alone: true); comments mode ('x') is unknown. */
        private boolean flags() throws Unknown {
            while (pos < source.length() && "idmsuUc-".indexOf(source.charAt(pos)) >= 0) {
                pos++;
            }
            if (peek() == ':') {
                pos++;
                return false;
            }
            if (peek() == ')') {
                pos++;
                return true;
            }
            throw new Unknown();
        }

        private void skipClass() throws Unknown {
            pos++;
            if (peek() == '^') {
                pos++;
            }
            if (peek() == ']') {
                throw new Unknown();
            }
            while (pos < source.length()) {
                char c = source.charAt(pos);
                if (c == '\\') {
                    if (pos + 1 >= source.length() || source.charAt(pos + 1) == 'Q') {
                        throw new Unknown();
                    }
                    pos += 2;
                } else if (c == '[' || (c == '&' && pos + 1 < source.length() && source.charAt(pos + 1) == '&')) {
                    throw new Unknown();
                } else if (c == ']') {
                    pos++;
                    return;
                } else {
                    pos++;
                }
            }
            throw new Unknown();
        }

        /** An escape matches a character class, a single character or nothing (\b); never a word of the pattern. */
        private void skipEscape() throws Unknown {
            if (pos + 1 >= source.length()) {
                throw new Unknown();
            }
            char c = source.charAt(pos + 1);
            pos += 2;
            if (!isAsciiLetterOrDigit(c)) {
                return; // an escaped punctuation character: itself
            }
            switch (c) {
                case 'd', 'D', 's', 'S', 'w', 'W', 'h', 'H', 'v', 'V', 'R', 'X', 'B', 'A', 'z', 'Z', 'G',
                        't', 'n', 'r', 'f', 'a', 'e' -> { }
                case 'b' -> {
                    if (peek() == '{') {
                        skipName('}');
                    }
                }
                case 'p', 'P' -> {
                    if (peek() == '{') {
                        skipName('}');
                    } else {
                        skip(1);
                    }
                }
                case 'N' -> {
                    if (peek() != '{') {
                        throw new Unknown();
                    }
                    skipName('}');
                }
                case 'x' -> {
                    if (peek() == '{') {
                        skipName('}');
                    } else {
                        skip(2);
                    }
                }
                case 'u' -> skip(4);
                case 'c' -> skip(1);
                default -> throw new Unknown(); // \Q, back references, octal, \k<name> and the rest
            }
        }

        /** A quantifier's least count after an item, or -1 when none follows; lazy and possessive marks consumed. */
        private int quantifierMin() throws Unknown {
            char c = peek();
            int min;
            if (c == '?' || c == '*') {
                min = 0;
                pos++;
            } else if (c == '+') {
                min = 1;
                pos++;
            } else if (c == '{') {
                int close = source.indexOf('}', pos);
                if (close < 0) {
                    throw new Unknown();
                }
                String bounds = source.substring(pos + 1, close);
                String least = bounds.contains(",") ? bounds.substring(0, bounds.indexOf(',')) : bounds;
                if (least.isEmpty() || !least.chars().allMatch(Character::isDigit)) {
                    throw new Unknown();
                }
                min = least.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(least);
                pos = close + 1;
            } else {
                return -1;
            }
            if (peek() == '?' || peek() == '+') {
                pos++;
            }
            return min;
        }

        private void skipName(char close) throws Unknown {
            int end = source.indexOf(close, pos);
            if (end < 0) {
                throw new Unknown();
            }
            pos = end + 1;
        }

        private void skip(int chars) throws Unknown {
            if (pos + chars > source.length()) {
                throw new Unknown();
            }
            pos += chars;
        }

        private char peek() {
            return pos < source.length() ? source.charAt(pos) : '\0';
        }

        private static List<String> better(List<String> best, CharSequence run) {
            return run.isEmpty() ? best : better(best, List.of(run.toString()));
        }

        private static List<String> better(List<String> best, List<String> candidate) {
            return best == null || WEAKEST_FIRST.compare(candidate, best) > 0 ? candidate : best;
        }

        private static boolean isAsciiLetterOrDigit(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }
}
