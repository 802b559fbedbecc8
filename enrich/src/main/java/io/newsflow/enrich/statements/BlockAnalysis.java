package io.newsflow.enrich.statements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One block read once: quotations, tokens, sentence units, the cue words found in it, a class for every token and
 * the speaker-like noun phrases (mentions). Everything later works on these arrays.
 */
final class BlockAnalysis {
    // token classes
    static final byte OTHER = 0;
    static final byte PUNCT = 1;
    static final byte QUOTE = 2;
    static final byte CUE = 3;
    static final byte PRON = 4;
    static final byte DET = 5;
    static final byte DEM = 6;
    static final byte ROLE = 7;
    static final byte ROLEMOD = 8;
    static final byte CONN = 9;
    static final byte CAP = 10;
    static final byte PLACE = 11;
    static final byte ORG = 12;
    static final byte AGENCY = 13;
    static final byte ORGHEAD = 14;
    static final byte HON = 15;
    static final byte PARTICLE = 16;
    static final byte NOMINAL = 17;
    static final byte NUMBER = 18;

    /** A cue word or phrase at tokens {@code [start, end)}. */
    record CueHit(int start, int end, Cue cue, int unit) {}

    final int section;
    final int block;
    final int order;
    final String text;
    final List<QuoteSpan> quotes;
    final List<Token> tokens;
    /** Sentence units: token ranges {@code [unitStart[u], unitEnd[u])}. */
    int[] unitStart;
    int[] unitEnd;
    byte[] cls;
    LanguageLexicon.Nominal[] nominal;
    NameGazetteer.Kind[] gazetteer;
    String[] agencyName;
    final List<CueHit> cues = new ArrayList<>();
    final List<Mention> mentions = new ArrayList<>();
    int[] mentionStartingAt;
    int[] mentionEndingAt;

    BlockAnalysis(int section, int block, int order, String text, LanguageLexicon lex) {
        this.section = section;
        this.block = block;
        this.order = order;
        this.text = text;
        this.quotes = QuoteScanner.scan(text, lex.attributionWords);
        this.tokens = Tokenizer.tokenize(text, quotes);
    }

    /** Words outside quotations written in lower case, to tell a sentence-initial name from a capitalised word. */
    void collectLowerCase(Set<String> into) {
        for (Token t : tokens) {
            if (t.isWord() && !t.cap) {
                into.add(t.key);
            }
        }
    }

    void analyse(LanguageLexicon lex, Set<String> lowerSeen) {
        splitUnits(lex);
        int n = tokens.size();
        cls = new byte[n];
        nominal = new LanguageLexicon.Nominal[n];
        gazetteer = new NameGazetteer.Kind[n];
        agencyName = new String[n];
        mentionStartingAt = new int[n];
        mentionEndingAt = new int[n];
        Arrays.fill(mentionStartingAt, -1);
        Arrays.fill(mentionEndingAt, -1);
        for (int u = 0; u < unitStart.length; u++) {
            classify(lex, lowerSeen, u);
            chunk(lex, u);
        }
    }

    private boolean outsideQuote(Token t, int i) {
        return !t.inQuote();
    }

    private void splitUnits(LanguageLexicon lex) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int n = tokens.size();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && boundaryAfter(i, lex)) {
                starts.add(start);
                ends.add(i + 1);
                start = i + 1;
            }
        }
        if (start < n) {
            starts.add(start);
            ends.add(n);
        }
        unitStart = starts.stream().mapToInt(Integer::intValue).toArray();
        unitEnd = ends.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean boundaryAfter(int i, LanguageLexicon lex) {
        Token t = tokens.get(i);
        Token next = tokens.get(i + 1);
        boolean nextStarts = (next.isWord() && next.cap) || next.kind == Token.NUMBER
                || next.kind == Token.QUOTE_OPEN || next.text.equals("–") || next.text.equals("—");
        if (!nextStarts) {
            return false;
        }
        if (t.kind == Token.PUNCT && t.inQuote() && !quotes.get(t.quote).closed() && next.quote != t.quote
                && isSentenceEnd(t.text)) {
            return true; // the end of a quotation the page never closed
        }
        if (t.kind == Token.PUNCT && !t.inQuote() && isSentenceEnd(t.text)) {
            if (t.text.equals(".") && i > 0) {
                Token prev = tokens.get(i - 1);
                if (prev.end == t.start && prev.isWord() && lex.abbreviations.contains(prev.key)) {
                    return false;
                }
            }
            return true;
        }
        if (t.kind == Token.QUOTE_CLOSE && i > 0) {
            Token last = tokens.get(i - 1);
            return last.kind == Token.PUNCT && isSentenceEnd(last.text) && next.kind != Token.QUOTE_CLOSE;
        }
        return false;
    }

    private static boolean isSentenceEnd(String p) {
        return p.equals(".") || p.equals("!") || p.equals("?") || p.equals("…") || p.equals("...");
    }

    /** First word token of unit {@code u} (dashes and bullets before it do not count). */
    int firstWord(int u) {
        for (int i = unitStart[u]; i < unitEnd[u]; i++) {
            if (tokens.get(i).kind != Token.PUNCT) {
                return i;
            }
        }
        return unitEnd[u];
    }

    private void classify(LanguageLexicon lex, Set<String> lowerSeen, int u) {
        int from = unitStart[u];
        int to = unitEnd[u];
        int first = firstWord(u);
        int i = from;
        while (i < to) {
            Token t = tokens.get(i);
            if (t.inQuote()) {
                cls[i++] = QUOTE;
                continue;
            }
            if (t.kind == Token.PUNCT) {
                cls[i++] = PUNCT;
                continue;
            }
            if (t.kind == Token.NUMBER) {
                cls[i++] = NUMBER;
                continue;
            }
            boolean initial = i == first;
            if (!t.cap || initial) {
                PhraseTrie.Match<Cue> cue = lex.cues.longest(tokens, i, to, this::outsideQuote);
                if (cue != null) {
                    cues.add(new CueHit(cue.start(), cue.end(), cue.value(), u));
                    for (int k = cue.start(); k < cue.end(); k++) {
                        cls[k] = CUE;
                    }
                    i = cue.end();
                    continue;
                }
            }
            if (t.cap) {
                PhraseTrie.Match<NameGazetteer.Entry> name = lex.names.match(tokens, i, to, this::outsideQuote);
                if (name != null) {
                    byte c = switch (name.value().kind()) {
                        case PLACE -> PLACE;
                        case ORGANISATION -> ORG;
                        case AGENCY -> AGENCY;
                    };
                    for (int k = name.start(); k < name.end(); k++) {
                        cls[k] = c;
                        gazetteer[k] = name.value().kind();
                        agencyName[k] = name.value().canonical();
                    }
                    i = name.end();
                    continue;
                }
            }
            PhraseTrie.Match<LanguageLexicon.Nominal> nom = lex.nominals.longest(tokens, i, to, this::outsideQuote);
            if (nom != null && (!t.cap || initial)) {
                for (int k = nom.start(); k < nom.end(); k++) {
                    cls[k] = NOMINAL;
                    nominal[k] = nom.value();
                }
                i = nom.end();
                continue;
            }
            cls[i] = wordClass(lex, lowerSeen, t, initial, i > from && (cls[i - 1] == CAP || cls[i - 1] == ORGHEAD));
            i++;
        }
    }

    private static byte wordClass(LanguageLexicon lex, Set<String> lowerSeen, Token t, boolean initial,
            boolean afterName) {
        String k = t.key;
        int bits = lex.bitsOf(k);
        int dash = k.indexOf('-');
        if (bits == 0 && dash > 0 && ((lex.bitsOf(k.substring(0, dash)) & LanguageLexicon.W_ROLE) != 0
                || (lex.bitsOf(k.substring(k.lastIndexOf('-') + 1)) & LanguageLexicon.W_ROLE) != 0)) {
            return ROLE; // "Secretary-General", "vice-president"
        }
        if ((bits & LanguageLexicon.W_PRONOUN) != 0 && !t.possessive) {
            return PRON;
        }
        if ((bits & LanguageLexicon.W_ROLE) != 0) {
            return ROLE;
        }
        if ((bits & LanguageLexicon.W_ORGHEAD) != 0 && t.cap) {
            return ORGHEAD;
        }
        if ((bits & LanguageLexicon.W_ROLEMOD) != 0) {
            return ROLEMOD;
        }
        if ((bits & LanguageLexicon.W_HONORIFIC) != 0 && t.cap) {
            return HON;
        }
        if ((bits & LanguageLexicon.W_DETERMINER) != 0) {
            return DET;
        }
        if ((bits & LanguageLexicon.W_DEMONSTRATIVE) != 0) {
            return DEM;
        }
        if ((bits & LanguageLexicon.W_PARTICLE) != 0 && !t.cap) {
            return PARTICLE;
        }
        if ((bits & LanguageLexicon.W_CONNECTOR) != 0 && !t.cap) {
            return CONN;
        }
        if (bits == 0 && t.cap && !initial && lex.affixMorphology && Morphology.indonesianNominal(k)) {
            return ROLEMOD; // "Kepala Bidang Kependudukan", "Satgas Pencegahan": a field of office, not a name
        }
        boolean functionWord = (bits & LanguageLexicon.W_FUNCTION) != 0
                && (initial || !t.cap || t.text.length() == 1 || !afterName);
        if (t.cap && !functionWord && !(initial && lowerSeen.contains(k))) {
            return CAP; // a capitalised function word inside a sentence is part of a name ("Korps Lalu Lintas")
        }
        return OTHER;
    }

    private static boolean nameLike(byte c) {
        return c == ROLE || c == ROLEMOD || c == CAP || c == PLACE || c == ORG || c == AGENCY || c == ORGHEAD
                || c == HON;
    }

    private void chunk(LanguageLexicon lex, int u) {
        int to = unitEnd[u];
        int i = unitStart[u];
        while (i < to) {
            byte c = cls[i];
            if (c == PRON) {
                Token t = tokens.get(i);
                String kind = lex.pronouns.get(t.key);
                char gender = kind.equals("male") ? 'm' : kind.equals("female") ? 'f' : 0;
                add(new Mention(Mention.Kind.PRONOUN, i, i + 1, t.key, List.of(t.key), null, List.of(), true, false,
                        gender, kind, false, false));
                i++;
                continue;
            }
            if (!startsChunk(i, to)) {
                i++;
                continue;
            }
            int j = i + 1;
            if (c == NOMINAL) {
                while (j < to && cls[j] == NOMINAL && nominal[j] == nominal[i]) {
                    j++;
                }
            }
            boolean organisationLed = c == ORGHEAD;
            if (c == DET && adjectivesThenNominal(i + 1, to)) {
                while (j < to && (cls[j] == OTHER || cls[j] == ROLEMOD)) {
                    j++;
                }
            }
            while (j < to && (!tokens.get(j - 1).possessive || continuesAfterPossessive(j, to))) {
                byte d = cls[j];
                if (d == ROLEMOD && !tokens.get(j).cap
                        && !(j + 1 < to && (nameLike(cls[j + 1]) || cls[j + 1] == NOMINAL))) {
                    break; // "gubernur dalam wawancara": a lower-case modifier only inside a title
                } else if (nameLike(d) || d == NOMINAL) {
                    j++;
                } else if ((d == PARTICLE || (d == CONN && !(cls[j - 1] == CAP && hasRole(i, j))))
                        && j + 1 < to && nameLike(cls[j + 1])) {
                    j++; // "Secretary of State", "Kamar Dagang dan Industri"; but "Wendy Sherman dan delegasi"
                } else if (d == PARTICLE && cls[j - 1] == CAP && j + 2 < to && cls[j + 1] == PARTICLE
                        && cls[j + 2] == CAP) {
                    j += 2; // "Peter van der Linde"
                } else if (d == PUNCT && tokens.get(j).text.equals(".") && cls[j - 1] == HON && j + 1 < to
                        && cls[j + 1] == CAP) {
                    j++; // "Ms. Berg": the honorific's abbreviation dot
                } else if (d == DEM) {
                    j++;
                    break;
                } else if (acronymInParentheses(j, to)) {
                    j += 3; // "Komisi Pemilihan Umum (KPU) Kota Medan"
                } else if (organisationLed && coordinatedNamePart(lex, j, to) > 0) {
                    j += coordinatedNamePart(lex, j, to); // "Badan Meteorologi, Klimatologi, dan Geofisika"
                } else {
                    break;
                }
            }
            Mention m = MentionReader.read(this, lex, i, j);
            if (m != null) {
                add(m);
            }
            i = j;
        }
    }

    private boolean hasRole(int from, int to) {
        for (int k = from; k < to; k++) {
            if (cls[k] == ROLE) {
                return true;
            }
        }
        return false;
    }

    private boolean acronymInParentheses(int j, int to) {
        return j + 2 < to && tokens.get(j).text.equals("(") && tokens.get(j + 1).cap
                && tokens.get(j + 2).text.equals(")");
    }

    /** ", Klimatologi" or ", dan Geofisika" inside an organisation's name: how many tokens, or 0. */
    private int coordinatedNamePart(LanguageLexicon lex, int j, int to) {
        int k = j;
        if (k < to && tokens.get(k).text.equals(",")) {
            k++;
        }
        if (k < to && lex.clauseOpeners.contains(tokens.get(k).key) && (tokens.get(k).is("dan")
                || tokens.get(k).is("and"))) {
            k++;
        }
        if (k == j || k >= to || !(cls[k] == CAP || cls[k] == ROLEMOD) || !tokens.get(k).cap) {
            return 0;
        }
        // only a list that ends the name with "dan X" / "and X" before a non-name word
        int end = k + 1;
        while (end < to && (cls[end] == CAP || cls[end] == ROLEMOD) && tokens.get(end).cap) {
            end++;
        }
        for (int look = end; look < Math.min(to, end + 6); look++) {
            Token t = tokens.get(look);
            if (t.is("dan") || t.is("and")) {
                return k - j + 1;
            }
            if (!(t.text.equals(",") || ((cls[look] == CAP || cls[look] == ROLEMOD) && t.cap))) {
                break;
            }
        }
        return tokens.get(k - 1).is("dan") || tokens.get(k - 1).is("and") ? end - j : 0;
    }

    private boolean continuesAfterPossessive(int j, int to) {
        return j < to && (cls[j] == ROLE || cls[j] == ROLEMOD || cls[j] == ORGHEAD || cls[j] == CAP);
    }

    private boolean startsChunk(int i, int to) {
        byte c = cls[i];
        if (c == OTHER && tokens.get(i).possessive && i + 1 < to && (cls[i + 1] == NOMINAL || cls[i + 1] == ROLE)) {
            return true; // "the engineers' union"
        }
        if (c == ROLE || c == CAP || c == PLACE || c == ORG || c == AGENCY || c == ORGHEAD || c == HON
                || c == NOMINAL) {
            return true;
        }
        if (c == DET && adjectivesThenNominal(i + 1, to)) {
            return true; // "the national geological agency"
        }
        if (c == PARTICLE && i + 1 < to && (cls[i + 1] == CAP
                || (cls[i + 1] == PARTICLE && i + 2 < to && cls[i + 2] == CAP))) {
            return true; // "van der Linde said": a surname that starts with its particle
        }
        if (c == DET || c == ROLEMOD) {
            for (int k = i + 1; k < Math.min(to, i + 4); k++) {
                if (cls[k] == ROLE || cls[k] == ORGHEAD || cls[k] == NOMINAL || (c == DET && nameLike(cls[k]))) {
                    return true;
                }
                if (!(cls[k] == ROLEMOD || cls[k] == DET || cls[k] == PLACE || cls[k] == CAP)) {
                    return false;
                }
            }
        }
        return false;
    }

    private boolean adjectivesThenNominal(int k, int to) {
        int limit = Math.min(to, k + 4);
        int start = k;
        while (k < limit && (cls[k] == OTHER || cls[k] == ROLEMOD) && !tokens.get(k).cap && tokens.get(k).isWord()) {
            k++;
        }
        return k < to && k > start && cls[k] == NOMINAL;
    }

    private void add(Mention m) {
        mentionStartingAt[m.start] = mentions.size();
        mentionEndingAt[m.end - 1] = mentions.size();
        mentions.add(m);
    }

    Mention startingAt(int i) {
        return i >= 0 && i < tokens.size() && mentionStartingAt[i] >= 0 ? mentions.get(mentionStartingAt[i]) : null;
    }

    Mention endingAt(int i) {
        return i >= 0 && i < tokens.size() && mentionEndingAt[i] >= 0 ? mentions.get(mentionEndingAt[i]) : null;
    }

    /** A position in reading order across the article: this block, then the token. */
    int orderOf(int token) {
        return order * 100_000 + token;
    }

    /** Index of the unit holding token {@code i}. */
    int unitOf(int i) {
        int lo = 0;
        int hi = unitStart.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (unitStart[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    String span(int fromToken, int toToken) {
        return text.substring(tokens.get(fromToken).start, tokens.get(toToken - 1).end);
    }
}
