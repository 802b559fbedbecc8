package io.newsflow.enrich.core;

/**
 * Characters that render as nothing and only tell a renderer where it may break a line: the soft hyphen (U+00AD,
 * {@code &shy;}), the zero-width space (U+200B), the word joiner (U+2060) and the zero-width no-break space
 * (U+FEFF). Left in the text they split words for search and matching ("inter\u00adnational"), so every stage
 * drops them.
 *
 * <p>Kept on purpose: the zero-width non-joiner and joiner (U+200C, U+200D), which change how Persian, Arabic and
 * Indic letters join and build emoji sequences, and the direction marks (U+200E, U+200F, U+061C), which order
 * mixed right-to-left and left-to-right text. Both mean something to a reader of plain text.
 */
public final class InvisibleChars {
    private InvisibleChars() {}

    public static boolean isInvisible(char c) {
        return c == '\u00ad' || c == '\u200b' || c == '\u2060' || c == '\ufeff';
    }

    /** The text without invisible characters; the same instance when it has none (the common case). */
    public static String strip(String text) {
        int first = -1;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (isInvisible(text.charAt(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first + 1, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!isInvisible(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
