package io.newsflow.enrich.core.extract;

import io.newsflow.enrich.core.InvisibleChars;

/** Character classes shared by measuring and writing text, so both see the same words. */
final class Text {
    private Text() {}

    /** HTML's collapsible white space plus the Unicode spaces (no-break, ideographic, ...) that render as a gap. */
    static boolean isSpace(char c) {
        if (c <= ' ') {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return c == '\u00a0' || c == '\u2007' || c == '\u202f' || Character.isWhitespace(c);
    }

    /** Renders as nothing: dropped from measured and written text alike. */
    static boolean isInvisible(char c) {
        return c >= 0xad && InvisibleChars.isInvisible(c);
    }

    /** The comma characters Readability counts (Latin, Arabic, full-width, small and vertical forms). */
    static boolean isComma(char c) {
        return c == ',' || c == '\u060c' || c == '\ufe50' || c == '\ufe10' || c == '\ufe11' || c == '\u2e41'
                || c == '\u2e34' || c == '\u2e32' || c == '\uff0c';
    }

    /** Collapses white space runs to one space, drops invisible characters and trims; null for blank input. */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        boolean pendingSpace = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else if (!isInvisible(c)) {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }
}
