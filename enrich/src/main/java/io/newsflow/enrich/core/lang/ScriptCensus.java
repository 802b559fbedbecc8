package io.newsflow.enrich.core.lang;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the letters of a text by Unicode script, in one pass and without any model: enough to tell the writing
 * system (Latin, Cyrillic, Greek, Arabic, Hebrew, CJK, Thai, Devanagari, ...) and, for a script that one language
 * writes (Greek, Hebrew, Thai, Hangul, Georgian, Armenian, kana), the language itself.
 */
final class ScriptCensus {
    /** Scripts that, in news, one language writes: the language is told from the letters alone. */
    private static final Map<UnicodeScript, String> ONE_LANGUAGE = Map.ofEntries(
            Map.entry(UnicodeScript.GREEK, "el"),
            Map.entry(UnicodeScript.HEBREW, "he"),
            Map.entry(UnicodeScript.THAI, "th"),
            Map.entry(UnicodeScript.HANGUL, "ko"),
            Map.entry(UnicodeScript.GEORGIAN, "ka"),
            Map.entry(UnicodeScript.ARMENIAN, "hy"),
            Map.entry(UnicodeScript.BENGALI, "bn"),
            Map.entry(UnicodeScript.GUJARATI, "gu"),
            Map.entry(UnicodeScript.GURMUKHI, "pa"),
            Map.entry(UnicodeScript.TAMIL, "ta"),
            Map.entry(UnicodeScript.TELUGU, "te"),
            Map.entry(UnicodeScript.KHMER, "km"),
            Map.entry(UnicodeScript.LAO, "lo"),
            Map.entry(UnicodeScript.MYANMAR, "my"),
            Map.entry(UnicodeScript.SINHALA, "si"));

    /** Japanese mixes kanji with kana; a tenth of kana among the CJK letters is Japanese, not Chinese. */
    private static final double KANA_SHARE = 0.1;

    private final Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
    private final UnicodeScript dominant;
    private final int total;
    private int kana;

    private ScriptCensus(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters.merge(family(UnicodeScript.of(cp)), 1, Integer::sum);
                n++;
            }
        }
        total = n;
        UnicodeScript best = null;
        for (Map.Entry<UnicodeScript, Integer> e : letters.entrySet()) {
            if (best == null || e.getValue() > letters.get(best)) {
                best = e.getKey();
            }
        }
        dominant = best;
    }

    static ScriptCensus of(String text) {
        return new ScriptCensus(text);
    }

    /** Kana and kanji count together as one writing system (HAN); the kana are also counted, for Japanese. */
    private UnicodeScript family(UnicodeScript script) {
        if (script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA) {
            kana++;
            return UnicodeScript.HAN;
        }
        return script;
    }

    /** The script most letters are in, or null for a text without letters. */
    UnicodeScript dominant() {
        return dominant;
    }

    /**
     * The language the dominant script alone tells, or null when the script is written by several languages
     * (Latin, Cyrillic, Arabic, Devanagari, kanji without kana) and a model has to decide.
     */
    String language() {
        if (dominant == null) {
            return null;
        }
        if (dominant == UnicodeScript.HAN) {
            return kana >= KANA_SHARE * letters.get(UnicodeScript.HAN) ? "ja" : null;
        }
        return ONE_LANGUAGE.get(dominant);
    }

    int letters() {
        return total;
    }
}
