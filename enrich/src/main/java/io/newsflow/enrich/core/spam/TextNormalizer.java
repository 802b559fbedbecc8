package io.newsflow.enrich.core.spam;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes the tricks spam uses to slip past keyword lists before anything is matched: compatibility forms
 * (full-width letters, ligatures) through NFKC, zero-width and other invisible characters, combining marks stacked
 * on letters, and cheap homoglyphs (Cyrillic and Greek letters that look Latin). Leet digits ("s10t g4c0r") are
 * resolved per token by {@link #leetVariants(String)}, since "88" in "gacor88" is a number, not two letters.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    /** Lowercase text with compatibility forms resolved and invisible characters and combining marks removed. */
    public static String fold(String text) {
        String ascii = asciiLower(text);
        if (ascii != null) {
            return ascii; // nothing to normalise in plain ASCII, by far the common case
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        String decomposed = Normalizer.normalize(nfkc, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue; // combining marks, zero-width space/joiners, soft hyphen, BOM
            }
            out.appendCodePoint(Character.toLowerCase(cp));
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /**
     * Lower-cased text when it holds nothing normalisation would change for matching (ASCII, no-break spaces,
     * typographic quotes, dashes and ellipses, which only ever separate words), else null.
     */
    private static String asciiLower(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c != 0xA0 && (c < 0x2010 || c > 0x2027)) {
                return null;
            }
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A folded token with look-alike Cyrillic and Greek letters read as Latin, but only when the token already mixes
     * in a Latin letter: a whole Russian or Greek word is a word, not a disguise.
     */
    public static String latinize(String token) {
        boolean latin = false;
        boolean foreign = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x80 && Character.isLetter(c)) {
                latin = true;
            } else if (homoglyph(c) != c) {
                foreign = true;
            }
        }
        if (!latin || !foreign) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        token.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(homoglyph(cp))));
        return out.toString();
    }

    /**
     * Readings of one folded token: as written, with digits between letters read as letters ("sl0t88" ->
     * "slot88"), and with every digit read as a letter ("g4c0r" -> "gacor"). The first is always the token itself.
     */
    public static List<String> leetVariants(String token) {
        List<String> variants = new ArrayList<>(3);
        variants.add(token);
        if (!hasLetterAndDigit(token)) {
            return variants;
        }
        int trailingDigits = token.length();
        while (trailingDigits > 0 && Character.isDigit(token.charAt(trailingDigits - 1))) {
            trailingDigits--;
        }
        String inner = leet(token.substring(0, trailingDigits)) + token.substring(trailingDigits);
        if (!inner.equals(token)) {
            variants.add(inner);
        }
        String all = leet(token);
        if (!variants.contains(all)) {
            variants.add(all);
        }
        return variants;
    }

    private static boolean hasLetterAndDigit(String token) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }

    private static String leet(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case '0' -> 'o';
                case '1' -> 'l';
                case '3' -> 'e';
                case '4' -> 'a';
                case '5' -> 's';
                case '6' -> 'g';
                case '7' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                case '@' -> 'a';
                case '$' -> 's';
                default -> c;
            });
        }
        return out.toString();
    }

    /** Cyrillic and Greek letters drawn like Latin ones, mapped to the Latin letter. */
    private static int homoglyph(int cp) {
        return switch (cp) {
            case 'а', 'А', 'α', 'Α' -> 'a';
            case 'в', 'В', 'β', 'Β' -> 'b';
            case 'с', 'С', 'ϲ' -> 'c';
            case 'е', 'Е', 'ε', 'Ε' -> 'e';
            case 'н', 'Н', 'Η' -> 'h';
            case 'і', 'І', 'ι', 'Ι' -> 'i';
            case 'ј', 'Ј' -> 'j';
            case 'к', 'К', 'κ', 'Κ' -> 'k';
            case 'м', 'М', 'Μ' -> 'm';
            case 'о', 'О', 'ο', 'Ο' -> 'o';
            case 'р', 'Р', 'ρ', 'Ρ' -> 'p';
            case 'ѕ', 'Ѕ' -> 's';
            case 'т', 'Т', 'τ', 'Τ' -> 't';
            case 'у', 'У', 'υ' -> 'y';
            case 'х', 'Х', 'χ', 'Χ' -> 'x';
            case 'ν', 'Ν' -> 'n';
            case 'ԁ' -> 'd';
            case 'ɡ' -> 'g';
            case 'ӏ' -> 'l';
            default -> cp;
        };
    }
}
