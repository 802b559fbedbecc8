package io.newsflow.enrich.statements;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Word forms generated from a lexicon entry, so a data file names a root once: Indonesian affixes (meN-, di-, ber-,
 * memper-, -kan, -i, -nya with the meN- sound changes: tolak → menolak, kutuk → mengutuk, sebut → menyebut) and
 * English tenses (warn → warns, warned, warning).
 */
final class Morphology {
    private Morphology() {}

    /** Indonesian surface form for an affix pattern such as {@code meN-kan}, and the syntactic form it takes. */
    static Map<String, FormType> indonesian(String root, String pattern) {
        Map<String, FormType> out = new LinkedHashMap<>();
        switch (pattern) {
            case "root" -> out.put(root, FormType.ROOT);
            case "-nya" -> out.put(root + "nya", FormType.NYA);
            case "meN-" -> out.put(meN(root), FormType.ACTIVE);
            case "meN-kan" -> out.put(meN(root + "kan"), FormType.ACTIVE);
            case "meN-i" -> out.put(meN(root + "i"), FormType.ACTIVE);
            case "memper-" -> out.put("memper" + root, FormType.ACTIVE);
            case "memper-kan" -> out.put("memper" + root + "kan", FormType.ACTIVE);
            case "ber-" -> out.put((root.startsWith("r") ? "be" : "ber") + root, FormType.ACTIVE);
            case "di-" -> out.put("di" + root, FormType.PASSIVE);
            case "di-kan" -> out.put("di" + root + "kan", FormType.PASSIVE);
            case "di-i" -> out.put("di" + root + "i", FormType.PASSIVE);
            case "diper-kan" -> out.put("diper" + root + "kan", FormType.PASSIVE);
            default -> throw new IllegalArgumentException("unknown Indonesian affix pattern '" + pattern
                    + "' (expected one of " + String.join(", ", INDONESIAN_PATTERNS) + ")");
        }
        return out;
    }

    /**
     * A noun with the circumfix ke-an or pe(N/r)-an ("kependudukan", "pencegahan", "pertanian"): the fields of an
     * office in a title, which Indonesian personal names do not take.
     */
    static boolean indonesianNominal(String key) {
        return key.length() >= 8 && key.endsWith("an") && (key.startsWith("ke") || key.startsWith("pe"))
                && key.chars().allMatch(Character::isLetter);
    }

    static final java.util.List<String> INDONESIAN_PATTERNS = java.util.List.of(
            "meN-", "meN-kan", "meN-i", "memper-", "memper-kan", "ber-", "di-", "di-kan", "di-i", "diper-kan", "root",
            "-nya");

    /** The meN- prefix with its assimilation: the nasal takes the root's first sound, which drops for k, t, s, p. */
    static String meN(String stem) {
        char first = stem.charAt(0);
        boolean cluster = stem.length() > 1 && isConsonant(stem.charAt(1));
        if (isVowel(first)) {
            return "meng" + stem;
        }
        return switch (first) {
            case 'k' -> cluster ? "meng" + stem : "meng" + stem.substring(1);
            case 'g', 'h', 'x' -> "meng" + stem;
            case 't' -> cluster ? "men" + stem : "men" + stem.substring(1);
            case 'd', 'c', 'j', 'z' -> "men" + stem;
            case 's' -> cluster ? "men" + stem : "meny" + stem.substring(1);
            case 'p' -> cluster ? "mem" + stem : "mem" + stem.substring(1);
            case 'b', 'f', 'v' -> "mem" + stem;
            default -> "me" + stem;
        };
    }

    /**
     * English forms of a verb: base and -s are finite (speaker-first or inverted), the past is finite and a passive
     * participle, -ing attaches to the clause before it (", saying ...").
     */
    static Map<String, java.util.EnumSet<FormType>> english(String verb, String past, String participle, String s,
            String ing) {
        Map<String, java.util.EnumSet<FormType>> out = new LinkedHashMap<>();
        String pastForm = past != null ? past : pastOf(verb);
        String participleForm = participle != null ? participle : pastForm;
        add(out, verb, FormType.ACTIVE);
        add(out, s != null ? s : thirdPerson(verb), FormType.ACTIVE);
        add(out, pastForm, FormType.ACTIVE);
        add(out, participleForm, FormType.PASSIVE);
        add(out, participleForm, FormType.ACTIVE);
        add(out, ing != null ? ing : gerund(verb), FormType.PARTICIPLE);
        return out;
    }

    private static void add(Map<String, java.util.EnumSet<FormType>> out, String form, FormType type) {
        out.computeIfAbsent(form, f -> java.util.EnumSet.noneOf(FormType.class)).add(type);
    }

    static String thirdPerson(String verb) {
        if (verb.endsWith("s") || verb.endsWith("sh") || verb.endsWith("ch") || verb.endsWith("x")
                || verb.endsWith("z") || verb.endsWith("o")) {
            return verb + "es";
        }
        if (endsWithConsonantY(verb)) {
            return verb.substring(0, verb.length() - 1) + "ies";
        }
        return verb + "s";
    }

    static String pastOf(String verb) {
        if (verb.endsWith("e")) {
            return verb + "d";
        }
        if (endsWithConsonantY(verb)) {
            return verb.substring(0, verb.length() - 1) + "ied";
        }
        return verb + "ed";
    }

    static String gerund(String verb) {
        if (verb.endsWith("ie")) {
            return verb.substring(0, verb.length() - 2) + "ying";
        }
        if (verb.endsWith("e") && !verb.endsWith("ee")) {
            return verb.substring(0, verb.length() - 1) + "ing";
        }
        return verb + "ing";
    }

    private static boolean endsWithConsonantY(String verb) {
        return verb.length() > 1 && verb.endsWith("y") && !isVowel(verb.charAt(verb.length() - 2));
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    private static boolean isConsonant(char c) {
        return Character.isLetter(c) && !isVowel(c) && c != 'y';
    }
}
