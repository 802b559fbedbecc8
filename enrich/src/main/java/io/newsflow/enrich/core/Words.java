package io.newsflow.enrich.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Word splitting shared by every stage, so that counting, scoring and the "no word lost" check agree on what a word
 * is: a run of letters, marks and digits (with inner apostrophes and hyphens); each Han, Hiragana or Katakana
 * character counts as one word, since those scripts do not put spaces between words. Invisible characters
 * ({@link InvisibleChars}: soft hyphens, zero-width spaces) are not there, as for every stage.
 */
public final class Words {
    private Words() {}

    /** The words of {@code text}, in order. */
    public static List<String> of(String written) {
        String text = InvisibleChars.strip(written);
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isIdeographic(cp)) {
                words.add(new String(Character.toChars(cp)));
                i += Character.charCount(cp);
            } else if (isWordChar(cp)) {
                int start = i;
                i += Character.charCount(cp);
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (isWordChar(c) && !isIdeographic(c)) {
                        i += Character.charCount(c);
                    } else if ((c == '\'' || c == '’' || c == '-') && i + 1 < n && isWordChar(text.codePointAt(i + 1))
                            && !isIdeographic(text.codePointAt(i + 1))) {
                        i += 1;
                    } else {
                        break;
                    }
                }
                words.add(text.substring(start, i));
            } else {
                i += Character.charCount(cp);
            }
        }
        return words;
    }

    /** How many words {@code text} holds. */
    public static int count(String text) {
        return of(text).size();
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    static boolean isIdeographic(int cp) {
        if (cp < 0x2E80) {
            return false; // below the first CJK block: spares the script lookup (a binary search) for most text
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
