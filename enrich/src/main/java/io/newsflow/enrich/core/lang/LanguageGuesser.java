package io.newsflow.enrich.core.lang;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Tells an article's language (ISO 639-1). First the letters are counted by Unicode script ({@link ScriptCensus}):
 * a script one language writes (Greek, Hebrew, Thai, Hangul, Georgian, Armenian, kana, ...) gives the language with
 * no model, whatever the candidates. Otherwise lingua decides, restricted to a candidate set so that only those
 * language models are loaded; lingua itself only weighs the candidates that write the text's script, so a Russian
 * page needs a Cyrillic candidate (the defaults have ru, uk, bg) and gets null without one. Build one per process
 * and share it: the models are large and loading them is slow; detection itself is thread-safe. The page's declared
 * language only breaks near-ties between the two best candidates (pages often declare a template's language, not
 * the article's).
 */
public final class LanguageGuesser {
    /**
     * Indonesian and Malay first (telling them apart matters), then the languages of the extraction fixtures, then
     * the most written languages of the scripts several languages share (Cyrillic, Arabic, Devanagari), so that a
     * page in them gets a language rather than null. Languages of a one-language script need no candidate.
     */
    public static final List<String> DEFAULT_CANDIDATES = List.of(
            "id", "ms", "en", "cs", "pt", "zh", "de", "ja", "es", "fr", "ar", "he", "ru", "uk", "bg", "fa", "ur",
            "hi", "mr");

    /** Enough text to tell even Indonesian from Malay; detection time grows with the sample. */
    private static final int SAMPLE_CHARS = 700;
    private static final double TIE = 0.10;

    private final LanguageDetector detector;
    private final Set<Language> candidates;

    /** @param lowAccuracy use lingua's trigram-only mode: faster and smaller, weaker on a few words */
    public LanguageGuesser(List<String> isoCodes, boolean lowAccuracy) {
        Set<Language> languages = EnumSet.noneOf(Language.class);
        List<String> unknown = new ArrayList<>();
        for (String code : isoCodes) {
            Language language = byCode(code);
            if (language == null) {
                unknown.add(code);
            } else {
                languages.add(language);
            }
        }
        if (!unknown.isEmpty() || languages.size() < 2) {
            throw new IllegalArgumentException("language candidates must be at least two ISO 639-1 codes lingua knows; "
                    + (unknown.isEmpty() ? "got " + isoCodes : "unknown: " + unknown));
        }
        this.candidates = languages;
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new))
                .withPreloadedLanguageModels();
        this.detector = (lowAccuracy ? builder.withLowAccuracyMode() : builder).build();
    }

    /** The default candidates in low-accuracy mode: about 30 MB of models instead of 400, and enough on articles. */
    public static LanguageGuesser defaults() {
        return new LanguageGuesser(DEFAULT_CANDIDATES, true);
    }

    /**
     * @param declared the page's or feed's declared language ("id", "en-US"), or null
     * @return the ISO 639-1 code, or null when the text is too short or too mixed to tell
     */
    public String guess(String text, String declared) {
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, cutAtSpace(text, SAMPLE_CHARS)) : text;
        String byScript = ScriptCensus.of(sample).language();
        if (byScript != null) {
            return byScript;
        }
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(sample);
        Iterator<Map.Entry<Language, Double>> best = confidences.entrySet().iterator();
        if (!best.hasNext()) {
            return null;
        }
        Map.Entry<Language, Double> first = best.next();
        if (first.getValue() <= 0) {
            return null;
        }
        Language declaredLanguage = byCode(declared);
        if (declaredLanguage != null && declaredLanguage != first.getKey() && candidates.contains(declaredLanguage)) {
            Double declaredConfidence = confidences.get(declaredLanguage);
            if (declaredConfidence != null && first.getValue() - declaredConfidence <= TIE) {
                return code(declaredLanguage);
            }
        }
        return code(first.getKey());
    }

    private static int cutAtSpace(String text, int limit) {
        int space = text.lastIndexOf(' ', limit);
        return space > limit / 2 ? space : limit;
    }

    private static String code(Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    static Language byCode(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String primary = code.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        if (primary.equals("in")) {
            primary = "id"; // the old code Java and some sites still use for Indonesian
        }
        for (Language language : Language.values()) {
            IsoCode639_1 iso = language.getIsoCode639_1();
            if (iso != IsoCode639_1.NONE && iso.name().equalsIgnoreCase(primary)) {
                return language;
            }
        }
        return null;
    }
}
