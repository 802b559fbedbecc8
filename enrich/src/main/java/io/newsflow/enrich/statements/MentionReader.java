package io.newsflow.enrich.statements;

import static io.newsflow.enrich.statements.BlockAnalysis.AGENCY;
import static io.newsflow.enrich.statements.BlockAnalysis.CAP;
import static io.newsflow.enrich.statements.BlockAnalysis.DEM;
import static io.newsflow.enrich.statements.BlockAnalysis.DET;
import static io.newsflow.enrich.statements.BlockAnalysis.HON;
import static io.newsflow.enrich.statements.BlockAnalysis.NOMINAL;
import static io.newsflow.enrich.statements.BlockAnalysis.ORG;
import static io.newsflow.enrich.statements.BlockAnalysis.ORGHEAD;
import static io.newsflow.enrich.statements.BlockAnalysis.PARTICLE;
import static io.newsflow.enrich.statements.BlockAnalysis.PLACE;
import static io.newsflow.enrich.statements.BlockAnalysis.ROLE;
import static io.newsflow.enrich.statements.BlockAnalysis.ROLEMOD;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a chunk of tokens as a mention: the trailing capitalised words are the name, what precedes them is the role
 * ("Wakil Menteri Luar Negeri Rusia | Sergei Ryabkov"); without a name it is an organisation ("Kementerian Luar
 * Negeri", "the White House", "Rusia"), a role ("the minister"), an unnamed source, an institution or a group.
 */
final class MentionReader {
    private static final Set<String> INDEFINITE = Set.of("a", "an", "seorang", "sejumlah", "beberapa", "salah",
            "satu", "one", "two", "three", "several", "some", "many", "another", "para");

    private MentionReader() {}

    static Mention read(BlockAnalysis b, LanguageLexicon lex, int from, int to) {
        byte[] cls = b.cls;
        List<Token> tokens = b.tokens;
        int s = from;
        boolean indefinite = false;
        boolean definite = false;
        while (s < to && cls[s] == DET) {
            if (INDEFINITE.contains(tokens.get(s).key)) {
                indefinite = true;
            } else {
                definite = true;
            }
            s++;
        }
        int e = to;
        boolean demonstrative = false;
        while (e > s && cls[e - 1] == DEM) {
            definite = true;
            demonstrative = true;
            e--;
        }
        if (s >= e) {
            return null;
        }
        boolean possessive = tokens.get(e - 1).possessive;
        int nominalAt = -1;
        for (int k = s; k < e; k++) {
            if (cls[k] == NOMINAL) {
                nominalAt = k;
                break;
            }
        }
        if (nominalAt >= 0 && b.nominal[nominalAt] == LanguageLexicon.Nominal.COLLECTIVE) {
            return new Mention(Mention.Kind.COLLECTIVE, from, to, b.span(s, e), List.of(), null, List.of(), definite,
                    possessive, (char) 0, null, false, false);
        }
        boolean anyRole = false;
        boolean parenthesis = false;
        for (int k = s; k < e; k++) {
            anyRole |= cls[k] == ROLE;
            parenthesis |= tokens.get(k).text.equals("(");
        }
        if (parenthesis && !anyRole) {
            return organisation(b, from, to, s, e, cls, tokens, possessive, false); // "Komisi ... (KPU) Kota Medan"
        }
        // The name: trailing capitalised words (honorifics and particles allowed inside).
        int n = e;
        while (n > s && (cls[n - 1] == CAP || cls[n - 1] == PARTICLE || cls[n - 1] == HON
                || (n - 2 >= s && cls[n - 2] == HON && tokens.get(n - 1).text.equals(".")))) {
            n--;
        }
        while (n < e && cls[n] == PARTICLE) {
            n++;
        }
        boolean hasRole = false;
        boolean hasOrg = false;
        boolean onlyPlaces = true;
        boolean agency = false;
        for (int k = s; k < n; k++) {
            byte c = cls[k];
            hasRole |= c == ROLE;
            hasOrg |= c == ORG || c == AGENCY || c == ORGHEAD;
            agency |= c == AGENCY;
            onlyPlaces &= c == PLACE;
        }
        if (n < e && n > s && cls[s] == ORGHEAD && !hasRole) {
            // "Satgas Pencegahan dan Penanganan Covid-19": led by an organisation word, the whole is its name
            return organisation(b, from, to, s, e, cls, tokens, possessive, false);
        }
        if (n < e && n > s && (cls[n - 1] == ORGHEAD || cls[n - 1] == ORG) && !hasRole) {
            // "PT Sawit Makmur Lestari", "Komisi Pemilihan Umum": an organisation's own name
            int orgStart = n - 1;
            while (orgStart > s && (cls[orgStart - 1] == ORGHEAD || cls[orgStart - 1] == ORG
                    || cls[orgStart - 1] == ROLEMOD || cls[orgStart - 1] == PLACE)) {
                orgStart--;
            }
            return organisation(b, from, to, orgStart, e, cls, tokens, possessive, false);
        }
        if (n < e && n > s && cls[n - 1] == BlockAnalysis.CONN && !hasRole) {
            // "Kamar Dagang dan Industri (Kadin) Lampung": capitalised words joined by "dan" name an organisation
            return organisation(b, from, to, s, e, cls, tokens, possessive, false);
        }
        if (n < e && n > s && cls[n - 1] == BlockAnalysis.CONN && hasRole) {
            // "the mayor of Marathon": after "of" the capitalised words qualify the title
            return new Mention(Mention.Kind.ROLE, from, to, b.span(s, e), keys(tokens, s, e, cls, true), b.span(s, e),
                    roleWords(tokens, s, e, cls), definite, possessive, (char) 0, null, tokens.get(s).cap, false);
        }
        if (n < e && hasRole) {
            n = personStart(lex, tokens, cls, n, e);
        }
        if (hasRole && e - n == 1 && tokens.get(n).allCaps && tokens.get(n).text.length() > 1) {
            // "politisi PDI-P tersebut", "Ketua KPU": an acronym after a title is the body, not a person's name
            Mention m = new Mention(Mention.Kind.ROLE, from, to, b.span(s, e), keys(tokens, s, e, cls, true),
                    b.span(s, e), keys(tokens, s, e, cls, true), definite, possessive, (char) 0, null,
                    tokens.get(s).cap, false);
            m.anaphoric = demonstrative;
            return m;
        }
        char gender = 0;
        int nameStart = n;
        while (nameStart < e && (cls[nameStart] == HON || tokens.get(nameStart).text.equals("."))) {
            if (cls[nameStart] == HON) {
                gender = honorificGender(tokens.get(nameStart).key);
            }
            nameStart++;
        }
        if (hasRole && nameStart < e && nameStart > s && cls[nameStart - 1] == ORGHEAD) {
            // "Direktur PT | Pasar Jaya tersebut", "Juru Bicara Partai | Golkar": the words after an organisation
            // word name the organisation the title belongs to, not a person
            Mention m = new Mention(Mention.Kind.ROLE, from, to, b.span(s, e), keys(tokens, s, e, cls, true),
                    b.span(s, e), keys(tokens, s, e, cls, true), definite, possessive, (char) 0, null,
                    tokens.get(s).cap, false);
            m.anaphoric = demonstrative;
            return m;
        }
        if (nameStart < e) {
            List<String> nameKeys = keys(tokens, nameStart, e, cls, false);
            String name = withoutPossessive(b.span(nameStart, e), possessive);
            if (gender == 0) {
                gender = lex.names.genderOf(tokens.get(nameStart).key);
            }
            boolean acronym = e - nameStart == 1 && tokens.get(nameStart).allCaps
                    && tokens.get(nameStart).text.length() > 1;
            if (acronym && !hasRole) {
                return new Mention(Mention.Kind.ORGANISATION, from, to, name, nameKeys, null, List.of(), true,
                        possessive, (char) 0, null, false, false);
            }
            String role = null;
            List<String> roleKeys = List.of();
            if (n > s && (hasRole || nominalAt >= 0 || titleBeforePlace(tokens, cls, s, n))) {
                role = b.span(s, n);
                roleKeys = keys(tokens, s, n, cls, true);
            }
            return new Mention(Mention.Kind.PERSON, from, to, name, nameKeys, role, roleKeys, true, possessive,
                    gender, null, false, false);
        }
        String text = b.span(s, e);
        List<String> allKeys = keys(tokens, s, e, cls, true);
        if (hasRole) {
            if (indefinite) {
                return new Mention(Mention.Kind.ANONYMOUS, from, to, text, allKeys, text, allKeys, false, possessive,
                        (char) 0, null, false, false);
            }
            boolean proper = tokens.get(s).cap;
            Mention m = new Mention(Mention.Kind.ROLE, from, to, text, allKeys, text, roleWords(tokens, s, e, cls),
                    definite, possessive, (char) 0, null, proper, false);
            m.anaphoric = demonstrative;
            return m;
        }
        if (nominalAt >= 0) {
            Mention.Kind mk = b.nominal[nominalAt] == LanguageLexicon.Nominal.ANONYMOUS ? Mention.Kind.ANONYMOUS
                    : Mention.Kind.INSTITUTION;
            // "the ministry" is one lexicon phrase: its article still marks it definite
            List<String> content = new ArrayList<>();
            for (String key : allKeys) {
                if (lex.determiners.contains(key) || lex.demonstratives.contains(key)) {
                    definite |= !INDEFINITE.contains(key);
                } else {
                    content.add(key);
                }
            }
            return new Mention(mk, from, to, stripLeadingArticle(text, tokens.get(s), lex), content, null,
                    List.of(), definite, possessive, (char) 0, null, false, false);
        }
        if (hasOrg || onlyPlaces) {
            return organisation(b, from, to, s, e, cls, tokens, possessive, agency);
        }
        return null;
    }

    private static Mention organisation(BlockAnalysis b, int from, int to, int s, int e, byte[] cls,
            List<Token> tokens, boolean possessive, boolean agency) {
        boolean isAgency = agency && e - s == countAgency(cls, s, e);
        String name = isAgency ? b.agencyName[s] : b.span(s, e);
        return new Mention(Mention.Kind.ORGANISATION, from, to, name, keys(tokens, s, e, cls, true), null, List.of(),
                true, possessive, (char) 0, null, false, isAgency);
    }

    /**
     * Where a person's name starts in the capitalised words after a role: at a known first name, else the last two
     * words when there are three or more ("Bupati Ketapang | Hendra Wijaya").
     */
    private static int personStart(LanguageLexicon lex, List<Token> tokens, byte[] cls, int n, int e) {
        int caps = 0;
        for (int k = n; k < e; k++) {
            if (cls[k] == CAP) {
                caps++;
            }
        }
        if (caps < 3) {
            return n;
        }
        for (int k = n; k < e - 1; k++) {
            if (cls[k] == CAP && lex.names.genderOf(tokens.get(k).key) != 0) {
                return k;
            }
        }
        int k = e;
        int seen = 0;
        while (k > n && seen < 2) {
            k--;
            if (cls[k] == CAP) {
                seen++;
            }
        }
        while (k > n && cls[k - 1] == PARTICLE) {
            k--;
        }
        return k;
    }

    /**
     * "Kadis Dukcapil Sultra | Siti Saleha": capitalised words ending in a place before a name are a title with its
     * region, not part of the name.
     */
    private static boolean titleBeforePlace(List<Token> tokens, byte[] cls, int s, int n) {
        return n - s >= 2 && cls[n - 1] == PLACE && (cls[s] == CAP || cls[s] == ROLEMOD) && tokens.get(s).cap;
    }

    private static int countAgency(byte[] cls, int s, int e) {
        int c = 0;
        for (int k = s; k < e; k++) {
            if (cls[k] == AGENCY) {
                c++;
            }
        }
        return c;
    }

    /** "Maria Lopez's office": the name is "Maria Lopez". */
    private static String withoutPossessive(String name, boolean possessive) {
        if (!possessive) {
            return name;
        }
        return name.endsWith("'s") || name.endsWith("’s") ? name.substring(0, name.length() - 2)
                : name.endsWith("'") || name.endsWith("’") ? name.substring(0, name.length() - 1) : name;
    }

    private static String stripLeadingArticle(String name, Token first, LanguageLexicon lex) {
        if (lex.determiners.contains(first.key) && name.length() > first.text.length()) {
            return name.substring(first.text.length()).strip();
        }
        return name;
    }

    private static List<String> keys(List<Token> tokens, int s, int e, byte[] cls, boolean all) {
        List<String> out = new ArrayList<>(e - s);
        for (int k = s; k < e; k++) {
            if (all ? tokens.get(k).isWord() && cls[k] != DET : cls[k] == CAP) {
                out.add(tokens.get(k).key);
            }
        }
        return out;
    }

    private static List<String> roleWords(List<Token> tokens, int s, int e, byte[] cls) {
        List<String> out = new ArrayList<>();
        for (int k = s; k < e; k++) {
            if (cls[k] == ROLE || cls[k] == ROLEMOD || cls[k] == ORGHEAD || cls[k] == PLACE || cls[k] == ORG) {
                out.add(tokens.get(k).key);
            }
        }
        return out;
    }

    private static char honorificGender(String key) {
        return switch (key) {
            case "mr", "pak", "bapak", "tuan", "sir", "lord" -> 'm';
            case "mrs", "ms", "miss", "bu", "ibu", "nyonya", "dame", "lady" -> 'f';
            default -> 0;
        };
    }
}
