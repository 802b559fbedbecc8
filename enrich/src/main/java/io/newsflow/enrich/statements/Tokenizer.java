package io.newsflow.enrich.statements;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits block text into tokens in one pass. Words keep inner hyphens and apostrophes ("sekutu-sekutunya",
 * "Jum'at", "don't"), dotted acronyms and initials ("U.S.", "R."), and numbers their separators ("100.000"). The
 * marks of the quotations found by {@link QuoteScanner} become quote tokens; every token inside a quotation knows
 * which one.
 */
final class Tokenizer {
    private Tokenizer() {}

    static List<Token> tokenize(String text, List<QuoteSpan> quotes) {
        List<Token> tokens = new ArrayList<>(text.length() / 5 + 4);
        int n = text.length();
        int q = 0;
        int i = 0;
        while (i < n) {
            while (q < quotes.size() && quotes.get(q).end() <= i) {
                q++;
            }
            QuoteSpan span = q < quotes.size() ? quotes.get(q) : null;
            int inQuote = span != null && i >= span.open() && i < span.end() ? q : -1;
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u200b' || c == '\u00ad') {
                i++;
                continue;
            }
            if (span != null && ((i == span.open() && span.openMarked()) || i == span.close())) {
                byte kind = i == span.open() ? Token.QUOTE_OPEN : Token.QUOTE_CLOSE;
                Token t = new Token(i, i + 1, String.valueOf(c), String.valueOf(c), kind, false, false, false);
                t.quote = q;
                tokens.add(t);
                i++;
                continue;
            }
            int end;
            byte kind;
            if (Character.isLetterOrDigit(c)) {
                end = wordEnd(text, i);
                kind = Character.isDigit(c) ? Token.NUMBER : Token.WORD;
            } else if (c == '.' && i + 2 < n && text.charAt(i + 1) == '.' && text.charAt(i + 2) == '.') {
                end = i + 3;
                kind = Token.PUNCT;
            } else {
                end = i + 1;
                kind = Token.PUNCT;
            }
            if (kind == Token.WORD && end < n && (text.charAt(end) == '\'' || text.charAt(end) == '’')
                    && text.charAt(end - 1) == 's' && (end + 1 >= n || Character.isWhitespace(text.charAt(end + 1)))
                    && (span == null || end != span.open() && end != span.close())) {
                end++; // plural possessive: "the engineers' union"
            }
            tokens.add(token(text, i, end, kind, inQuote));
            i = end;
        }
        return tokens;
    }

    /** The lookup keys of a lexicon phrase, tokenised exactly as article text is. */
    static List<String> keys(String phrase) {
        List<String> keys = new ArrayList<>();
        for (Token t : tokenize(phrase, List.of())) {
            keys.add(t.key);
        }
        return keys;
    }

    private static Token token(String text, int start, int end, byte kind, int quote) {
        String word = text.substring(start, end);
        String lower = word.toLowerCase(Locale.ROOT);
        boolean possessive = false;
        if (kind == Token.WORD && lower.length() > 2 && (lower.endsWith("'s") || lower.endsWith("’s"))) {
            possessive = true;
            lower = lower.substring(0, lower.length() - 2);
        } else if (kind == Token.WORD && lower.length() > 2 && (lower.endsWith("s'") || lower.endsWith("s’"))) {
            possessive = true;
            lower = lower.substring(0, lower.length() - 1);
        }
        lower = lower.replace('’', '\'');
        boolean cap = kind == Token.WORD && Character.isUpperCase(word.codePointAt(0));
        boolean allCaps = kind == Token.WORD && cap && !hasLowerCase(word, possessive);
        Token t = new Token(start, end, word, lower, kind, cap, allCaps, possessive);
        t.quote = quote;
        return t;
    }

    private static boolean hasLowerCase(String word, boolean possessive) {
        int limit = possessive ? word.length() - 2 : word.length();
        for (int k = 0; k < limit; k++) {
            if (Character.isLowerCase(word.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static int wordEnd(String text, int start) {
        int n = text.length();
        int j = start;
        int segment = 0;
        boolean dotted = false;
        while (j < n) {
            char ch = text.charAt(j);
            if (Character.isLetterOrDigit(ch) || Character.getType(ch) == Character.NON_SPACING_MARK) {
                j++;
                segment++;
                continue;
            }
            boolean nextIsWordChar = j + 1 < n && Character.isLetterOrDigit(text.charAt(j + 1));
            if ((ch == '-' || ch == '\'' || ch == '’') && nextIsWordChar && j > start) {
                j++;
                segment = 0;
                continue;
            }
            if ((ch == '.' || ch == ',') && nextIsWordChar && Character.isDigit(text.charAt(j - 1))
                    && Character.isDigit(text.charAt(j + 1))) {
                j++;
                continue;
            }
            if (ch == '.' && segment == 1 && Character.isUpperCase(text.charAt(j - 1))) {
                // U.S., A.S., or an initial ("Joe R. Biden")
                if (nextIsWordChar && Character.isUpperCase(text.charAt(j + 1))
                        && (j + 2 >= n || text.charAt(j + 2) == '.')) {
                    j++;
                    segment = 0;
                    dotted = true;
                    continue;
                }
                if (dotted || j == start + 1 && initialFollows(text, j)) {
                    j++;
                }
                break;
            }
            break;
        }
        return j;
    }

    /** "R. Biden": a capital letter and a dot, then a capitalised word. */
    private static boolean initialFollows(String text, int dot) {
        int k = dot + 1;
        if (k >= text.length() || text.charAt(k) != ' ') {
            return false;
        }
        return k + 1 < text.length() && Character.isUpperCase(text.charAt(k + 1))
                && k + 2 < text.length() && Character.isLowerCase(text.charAt(k + 2));
    }
}
