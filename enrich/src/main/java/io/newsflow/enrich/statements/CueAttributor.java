package io.newsflow.enrich.statements;

import static io.newsflow.enrich.statements.BlockAnalysis.CAP;
import static io.newsflow.enrich.statements.BlockAnalysis.CUE;
import static io.newsflow.enrich.statements.BlockAnalysis.ORG;
import static io.newsflow.enrich.statements.BlockAnalysis.PLACE;
import static io.newsflow.enrich.statements.BlockAnalysis.PRON;
import static io.newsflow.enrich.statements.BlockAnalysis.PUNCT;
import static io.newsflow.enrich.statements.BlockAnalysis.QUOTE;
import static io.newsflow.enrich.statements.BlockAnalysis.ROLE;

import io.newsflow.enrich.core.SpeechAct;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the speaker phrase of one cue by the cue's form: the subject before a finite verb ("Sherman mengatakan",
 * with appositions and titles), the phrase after an inverted cue ("“...,” kata Grushko"), the agent of a passive
 * ("dibantah oleh Kremlin"), "-nya" for a pronoun, or the clause's own speaker for a participle or a second verb.
 * Knows nothing about the article beyond the block.
 */
final class CueAttributor {
    private final LanguageLexicon lex;

    CueAttributor(LanguageLexicon lex) {
        this.lex = lex;
    }

    Claim attribute(BlockAnalysis b, int u, BlockAnalysis.CueHit hit, List<Claim> earlier) {
        Cue cue = hit.cue();
        Set<FormType> forms = cue.forms();
        int us = b.unitStart[u];
        if (negated(b, hit.start(), us)) {
            return null;
        }
        boolean auxBefore = auxBefore(b, hit.start(), us);
        if (forms.contains(FormType.PARTICIPLE) && !forms.contains(FormType.ACTIVE) && !auxBefore) {
            Token prev = hit.start() > us ? b.tokens.get(hit.start() - 1) : null;
            if (prev != null && (prev.text.equals(",") || lex.participleMarkers.contains(prev.key))) {
                return new Claim(hit, Claim.Mode.PARTICIPLE, null, false, null, hit.start());
            }
            return null;
        }
        if (forms.contains(FormType.ACTIVE) && hit.start() > us
                && lex.participleMarkers.contains(b.tokens.get(hit.start() - 1).key)
                && !forms.contains(FormType.PASSIVE)) {
            return new Claim(hit, Claim.Mode.PARTICIPLE, null, false, null, hit.start());
        }
        if (forms.contains(FormType.PREP)) {
            Mention m = b.startingAt(hit.end());
            return m != null && m.canSpeak() ? new Claim(hit, Claim.Mode.PREP, m, false, null, hit.start()) : null;
        }
        if (forms.contains(FormType.NYA)) {
            // after a comma with no quotation, only where an attribution ends ("Harga naik, katanya kepada
            // wartawan."), not where the word is a noun ("Namun, pesannya jelas")
            boolean placed = afterQuote(b, hit.start(), us) || atUnitEnd(b, hit.end(), b.unitEnd[u])
                    || (afterComma(b, hit.start(), us) && nextIsClauseEnd(b, hit.end(), b.unitEnd[u]))
                    || (cue.act() == SpeechAct.REPORT && hit.start() == b.firstWord(u));
            return placed ? new Claim(hit, Claim.Mode.NYA, null, false, null, quotationBefore(b, hit.start(), us))
                    : null;
        }
        if (forms.contains(FormType.ROOT)) {
            if (!(afterQuoteOrComma(b, hit.start(), us) || hit.start() == b.firstWord(u))) {
                return null;
            }
            Claim c = inverted(b, hit, us);
            if (c != null && !afterQuote(b, hit.start(), us) && !speakerEndsClause(b, c.mention(), b.unitEnd[u])) {
                return null; // ", klaim Rusia tidak berdasar": a noun phrase, not "..., klaim Rusia."
            }
            return c;
        }
        if (forms.contains(FormType.PASSIVE)) {
            boolean english = forms.contains(FormType.ACTIVE);
            if (!english || auxBefore) {
                if (cue.reportive()) {
                    Claim subject = subjectClaim(b, u, hit, Claim.Mode.REPORTIVE);
                    if (subject != null && clauseFollows(b, hit.end(), b.unitEnd[u])) {
                        return subject;
                    }
                }
                Mention agent = null;
                if (hit.end() < b.unitEnd[u] && lex.passiveAgents.contains(b.tokens.get(hit.end()).key)) {
                    agent = b.startingAt(hit.end() + 1);
                } else if (!english) {
                    agent = b.startingAt(hit.end());
                    if (agent != null && (agent.kind == Mention.Kind.PRONOUN || agent.kind == Mention.Kind.ANONYMOUS
                            || !nextIsClauseEnd(b, agent.end, b.unitEnd[u]))) {
                        agent = null;
                    }
                }
                if (agent != null && agent.canSpeak()) {
                    return new Claim(hit, Claim.Mode.AGENT, agent, false, null, clauseOf(b, hit.start(), us));
                }
                return null;
            }
        }
        if (!forms.contains(FormType.ACTIVE) && !(forms.contains(FormType.PARTICIPLE) && auxBefore)) {
            return null;
        }
        if (afterQuote(b, hit.start(), us)) {
            Claim inverted = inverted(b, hit, us);
            if (inverted != null) {
                return inverted;
            }
        }
        Claim subject = subjectClaim(b, u, hit, Claim.Mode.SUBJECT);
        if (subject != null) {
            return subject;
        }
        if (afterComma(b, hit.start(), us) && invertsAfterComma(cue)) {
            Claim inverted = inverted(b, hit, us); // "Prices will rise, said Grushko"
            if (inverted != null) {
                return inverted;
            }
        }
        if (!earlier.isEmpty() && coordinatedBefore(b, hit.start(), us)) {
            return new Claim(hit, Claim.Mode.ELIDED, null, false, null, hit.start());
        }
        return null;
    }

    /** The speaker after the cue: "kata Grushko", "said the minister", "kata juru bicara itu, Rina Kartika". */
    private static Claim inverted(BlockAnalysis b, BlockAnalysis.CueHit hit, int us) {
        Mention m = b.startingAt(hit.end());
        if (m == null || !m.canSpeak()) {
            return null;
        }
        String role = appositiveAfter(b, m);
        if (m.kind != Mention.Kind.PERSON && m.end < b.tokens.size() && b.tokens.get(m.end).text.equals(",")) {
            Mention person = b.startingAt(m.end + 1);
            if (person != null && person.kind == Mention.Kind.PERSON) {
                role = person.role != null ? person.role : b.span(m.start, m.end);
                m = person;
            }
        }
        return new Claim(hit, Claim.Mode.INVERTED, m, false, role, quotationBefore(b, hit.start(), us));
    }

    private static boolean invertsAfterComma(Cue cue) {
        return cue.act() == SpeechAct.ASSERT && (cue.cueClass() == CueClass.SAY || cue.cueClass() == CueClass.ADD);
    }

    /** The subject before a cue: "Sherman (juga) mengatakan", "Ryabkov, yang memimpin delegasi, mengatakan". */
    private Claim subjectClaim(BlockAnalysis b, int u, BlockAnalysis.CueHit hit, Claim.Mode mode) {
        int us = b.unitStart[u];
        int j = skipAdverbsBack(b, hit.start() - 1, us);
        if (j >= us && lex.relatives.contains(b.tokens.get(j).key) && j - 1 >= us
                && b.tokens.get(j - 1).text.equals(",")) {
            // "Chief Raoni Tupa, who called it ...": the relative pronoun stands for the name before it
            Mention antecedent = b.endingAt(j - 2);
            return antecedent != null && antecedent.canSpeak() && antecedent.kind != Mention.Kind.PRONOUN
                    ? new Claim(hit, mode, antecedent, false, null, antecedent.start) : null;
        }
        if (j < us) {
            return null;
        }
        if (b.tokens.get(j).text.equals(",")) {
            return appositiveSubject(b, u, hit, mode, j);
        }
        Mention m = b.endingAt(j);
        if (m == null) {
            m = nationalityGroup(b, j, us); // "German carmakers warned"
        }
        if (m == null || !m.canSpeak() || indefiniteName(b, m)) {
            return null; // "a United Nations report found": a name after "a" qualifies a noun
        }
        Mention head = prepositionalHead(b, m, us);
        if (head != null) {
            m = head; // "diplomats in Istanbul said"
        }
        int position = subjectPosition(b, m.start, us);
        String role = null;
        int head0 = m.start;
        if (position == NOT_SUBJECT) {
            int titleStart = looseTitleBefore(b, m, us);
            if (titleStart < 0) {
                return null;
            }
            // "coach Luis Moreno admitted", "Port operator Maasvlakte Holdings said": a title the lexicon lacks
            position = CLAUSE;
            role = m.kind != Mention.Kind.PERSON ? null
                    : m.role == null ? b.span(titleStart, m.start) : b.span(titleStart, m.start) + " " + m.role;
            head0 = titleStart;
        }
        return new Claim(hit, mode, m, position == EMBEDDED, role, clauseStartBefore(b, head0, us));
    }

    /**
     * A place or nationality followed by one or two plain words at the start of a clause ("German carmakers",
     * "Chinese carmakers", "warga Papua" is not: the place comes first): a group that speaks, named as written.
     */
    private Mention nationalityGroup(BlockAnalysis b, int j, int us) {
        int k = j;
        while (k >= us && k > j - 2 && b.cls[k] == BlockAnalysis.OTHER && b.tokens.get(k).isWord()
                && !b.tokens.get(k).cap && !lex.function.contains(b.tokens.get(k).key)) {
            k--;
        }
        if (k == j || k < us || b.cls[k] != PLACE || b.tokens.get(k).possessive
                || subjectPosition(b, k, us) != CLAUSE) {
            return null;
        }
        String name = b.span(k, j + 1);
        return new Mention(Mention.Kind.INSTITUTION, k, j + 1, name, List.of(name.toLowerCase(Locale.ROOT)), null,
                List.of(), false, false, (char) 0, null, false, false);
    }

    private static boolean indefiniteName(BlockAnalysis b, Mention m) {
        if (m.kind != Mention.Kind.PERSON && m.kind != Mention.Kind.ORGANISATION) {
            return false;
        }
        String first = b.tokens.get(m.start).key;
        return b.cls[m.start] == BlockAnalysis.DET && (first.equals("a") || first.equals("an")
                || first.equals("seorang") || first.equals("sebuah"));
    }

    /** ", a former army officer," or ", Sergei Ryabkov," between a subject and its cue. */
    private Claim appositiveSubject(BlockAnalysis b, int u, BlockAnalysis.CueHit hit, Claim.Mode mode, int j) {
        int us = b.unitStart[u];
        int k = j - 1;
        int limit = Math.max(us, j - 25);
        while (k >= limit && !b.tokens.get(k).text.equals(",")) {
            byte c = b.cls[k];
            if (c == QUOTE || c == CUE || (c == PUNCT && !b.tokens.get(k).text.equals("-"))) {
                return null;
            }
            k--;
        }
        if (k < limit) {
            return null;
        }
        Mention before = b.endingAt(k - 1);
        Mention inside = b.startingAt(k + 1);
        boolean insidePerson = inside != null && inside.end == j && inside.kind == Mention.Kind.PERSON;
        if (before != null && before.canSpeak() && before.kind != Mention.Kind.ROLE
                && subjectPosition(b, before.start, us) != NOT_SUBJECT) {
            String role = inside != null && inside.end == j && inside.kind == Mention.Kind.ROLE ? inside.role : null;
            return new Claim(hit, mode, before, subjectPosition(b, before.start, us) == EMBEDDED, role,
                    clauseStartBefore(b, before.start, us));
        }
        if (insidePerson && before != null && before.kind == Mention.Kind.ROLE) {
            return new Claim(hit, mode, inside, false, b.span(before.start, before.end),
                    clauseStartBefore(b, before.start, us));
        }
        int first = b.firstWord(u);
        if (insidePerson && k - first <= 9 && k > first && noCueOrQuote(b, first, k)) {
            // "Kuasa hukum pasangan nomor urut dua, Saut Pardede, mengklaim": the words before are the role
            return new Claim(hit, mode, inside, false, b.span(first, k), first);
        }
        if (before != null && before.kind == Mention.Kind.ROLE && before.canSpeak()
                && subjectPosition(b, before.start, us) != NOT_SUBJECT) {
            return new Claim(hit, mode, before, false, null, clauseStartBefore(b, before.start, us));
        }
        return null;
    }

    private static boolean noCueOrQuote(BlockAnalysis b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b.cls[i] == CUE || b.cls[i] == QUOTE) {
                return false;
            }
        }
        return true;
    }

    /** "diplomats in Istanbul": an unnamed source or institution followed by where it is. */
    private static Mention prepositionalHead(BlockAnalysis b, Mention m, int us) {
        if (m.start - 2 < us) {
            return null;
        }
        String prep = b.tokens.get(m.start - 1).key;
        if (!(prep.equals("in") || prep.equals("at") || prep.equals("from") || prep.equals("di")
                || prep.equals("dari"))) {
            return null;
        }
        Mention head = b.endingAt(m.start - 2);
        return head != null && (head.kind == Mention.Kind.ANONYMOUS || head.kind == Mention.Kind.INSTITUTION)
                ? head : null;
    }

    /**
     * Up to three plain words before a full name, starting a clause: a title the lexicon lacks. Returns where they
     * start, or -1.
     */
    private int looseTitleBefore(BlockAnalysis b, Mention m, int us) {
        if (!((m.kind == Mention.Kind.PERSON || m.kind == Mention.Kind.ORGANISATION) && m.nameKeys.size() >= 2)) {
            return -1;
        }
        for (int p = m.start - 1; p >= Math.max(us, m.start - 3); p--) {
            Token t = b.tokens.get(p);
            if (!t.isWord() || b.cls[p] == CUE || b.cls[p] == PRON || lex.function.contains(t.key)
                    || (t.cap && p != b.firstWord(b.unitOf(p)))) {
                return -1;
            }
            if (subjectPosition(b, p, us) == CLAUSE) {
                return p;
            }
        }
        return -1;
    }

    private static final int NOT_SUBJECT = 0;
    private static final int CLAUSE = 1;
    private static final int EMBEDDED = 2;

    private int subjectPosition(BlockAnalysis b, int start, int us) {
        int p = start - 1;
        if (p < us) {
            return CLAUSE;
        }
        Token t = b.tokens.get(p);
        if (b.cls[p] == CUE) {
            return EMBEDDED;
        }
        if (t.kind == Token.QUOTE_CLOSE) {
            return CLAUSE;
        }
        if (b.cls[p] == PUNCT) {
            if (t.text.equals(",") && p - 1 >= us && b.cls[p - 1] == CUE) {
                return EMBEDDED; // "Sherman mengatakan, Rusia ..."
            }
            return CLAUSE;
        }
        if (lex.complementizers.contains(t.key)) {
            return EMBEDDED;
        }
        if (lex.clauseOpeners.contains(t.key) || lex.adverbs.contains(t.key)) {
            return CLAUSE;
        }
        return NOT_SUBJECT;
    }

    /**
     * Where the clause holding token {@code i} starts: after the nearest comma, semicolon, colon or closing quotation
     * mark before it, at a clause opener ("but the plan was rejected by"), or at the unit's start. A passive's
     * subject is the thing said, so its statement is its own clause, not what an earlier cue of the unit governs
     * ("Menurut Anita, ditolak Agung").
     */
    private int clauseOf(BlockAnalysis b, int i, int us) {
        int p = i;
        while (p > us) {
            Token t = b.tokens.get(p - 1);
            if (t.kind == Token.QUOTE_CLOSE || t.text.equals(",") || t.text.equals(";") || t.text.equals(":")) {
                return p;
            }
            if (lex.clauseOpeners.contains(t.key)) {
                return p - 1;
            }
            p--;
        }
        return us;
    }

    private int clauseStartBefore(BlockAnalysis b, int head, int us) {
        int p = head - 1;
        if (p >= us && lex.clauseOpeners.contains(b.tokens.get(p).key)) {
            return p;
        }
        int q = quotationBefore(b, head, us);
        return q < head ? q : head;
    }

    /** The opening mark of a quotation just before {@code i} ("“...,” kata X"), else {@code i}. */
    private static int quotationBefore(BlockAnalysis b, int i, int us) {
        int p = i - 1;
        if (p >= us && b.tokens.get(p).text.equals(",")) {
            p--;
        }
        if (p >= us && b.tokens.get(p).kind == Token.QUOTE_CLOSE) {
            int quote = b.tokens.get(p).quote;
            int k = p;
            while (k - 1 >= us && b.tokens.get(k - 1).quote == quote) {
                k--; // to the opening mark, or to the first quoted word when the page lost the mark
            }
            return k < p ? k : i;
        }
        return i;
    }

    private int skipAdverbsBack(BlockAnalysis b, int j, int us) {
        int steps = 0;
        while (j >= us && steps < 7) {
            Token t = b.tokens.get(j);
            boolean skippable = b.mentionEndingAt[j] < 0 && (t.kind == Token.NUMBER
                    || (t.isWord() && b.cls[j] != CUE && (lex.adverbs.contains(t.key) || lex.passiveAux.contains(t.key))
                    && b.cls[j] != PRON && b.cls[j] != CAP && b.cls[j] != ROLE));
            if (!skippable) {
                break;
            }
            j--;
            steps++;
        }
        return j;
    }

    /** "tidak membantah", "did not deny": a negated cue reports no statement. */
    private boolean negated(BlockAnalysis b, int cueStart, int us) {
        return closelyPreceded(b, cueStart, us, lex.negators, true);
    }

    /** "was rejected by": an English participle read as passive. */
    private boolean auxBefore(BlockAnalysis b, int cueStart, int us) {
        return closelyPreceded(b, cueStart, us, lex.passiveAux, false);
    }

    /** One of {@code words} within three tokens before the cue, with only adverbs (and auxiliaries) between. */
    private boolean closelyPreceded(BlockAnalysis b, int cueStart, int us, Set<String> words, boolean overAux) {
        int j = cueStart - 1;
        for (int steps = 0; j >= us && steps < 3; steps++, j--) {
            Token t = b.tokens.get(j);
            if (words.contains(t.key)) {
                return true;
            }
            if (!t.isWord() || !(lex.adverbs.contains(t.key) || (overAux && lex.passiveAux.contains(t.key)))) {
                return false;
            }
        }
        return false;
    }

    private static boolean afterQuote(BlockAnalysis b, int i, int us) {
        int p = i - 1;
        if (p >= us && b.tokens.get(p).text.equals(",")) {
            p--;
        }
        return p >= us && b.tokens.get(p).kind == Token.QUOTE_CLOSE;
    }

    private static boolean afterComma(BlockAnalysis b, int i, int us) {
        return i - 1 >= us && b.tokens.get(i - 1).text.equals(",");
    }

    private static boolean afterQuoteOrComma(BlockAnalysis b, int i, int us) {
        return afterQuote(b, i, us) || afterComma(b, i, us);
    }

    private static boolean atUnitEnd(BlockAnalysis b, int i, int ue) {
        for (int k = i; k < ue; k++) {
            if (b.tokens.get(k).kind != Token.PUNCT) {
                return false;
            }
        }
        return true;
    }

    private boolean clauseFollows(BlockAnalysis b, int i, int ue) {
        if (i >= ue) {
            return false;
        }
        byte c = b.cls[i];
        return c == PRON || c == CAP || c == PLACE || c == ORG || c == ROLE
                || lex.complementizers.contains(b.tokens.get(i).key);
    }

    /** An inverted speaker ends its clause, or an apposition follows it ("kata Budi, Ketua RT,"). */
    private static boolean speakerEndsClause(BlockAnalysis b, Mention m, int ue) {
        return nextIsClauseEnd(b, m.end, ue);
    }

    private static boolean nextIsClauseEnd(BlockAnalysis b, int i, int ue) {
        if (i >= ue) {
            return true;
        }
        Token t = b.tokens.get(i);
        return t.kind == Token.PUNCT || t.kind == Token.QUOTE_OPEN || t.kind == Token.QUOTE_CLOSE
                || t.key.equals("kepada") || t.key.equals("dalam") || t.key.equals("di") || t.key.equals("pada")
                || t.key.equals("saat") || t.key.equals("ketika") || t.key.equals("usai") || t.key.equals("setelah")
                || t.key.equals("seusai") || t.key.equals("sambil") || t.key.equals("sembari")
                || t.key.equals("melalui") || t.key.equals("lewat");
    }

    private boolean coordinatedBefore(BlockAnalysis b, int i, int us) {
        int j = skipAdverbsBack(b, i - 1, us);
        if (j < us) {
            return false;
        }
        Token t = b.tokens.get(j);
        return t.text.equals(",") || lex.clauseOpeners.contains(t.key);
    }

    /** "said Lena Fischer, the head of the relief mission,": the role as written, up to the next comma. */
    private static String appositiveAfter(BlockAnalysis b, Mention m) {
        if (m.end < b.tokens.size() && b.tokens.get(m.end).text.equals(",")) {
            Mention after = b.startingAt(m.end + 1);
            if (after != null && after.kind == Mention.Kind.ROLE) {
                int end = after.end;
                while (end < b.tokens.size() && end < after.end + 8 && b.tokens.get(end).kind != Token.PUNCT
                        && b.cls[end] != CUE && !b.tokens.get(end).isQuoteMark()) {
                    end++;
                }
                return b.span(m.end + 1, end);
            }
        }
        return null;
    }

    /** "Sherman: “...”" — a name, a colon, a quotation. */
    Claim colonAttribution(BlockAnalysis b, int u) {
        int first = b.firstWord(u);
        Mention m = b.startingAt(first);
        if (m == null || !(m.kind == Mention.Kind.PERSON || m.kind == Mention.Kind.ORGANISATION
                || (m.kind == Mention.Kind.ROLE && m.properRole))) {
            return null;
        }
        if (m.end + 1 < b.unitEnd[u] && b.tokens.get(m.end).text.equals(":")
                && b.tokens.get(m.end + 1).kind == Token.QUOTE_OPEN) {
            Cue colon = new Cue(":", SpeechAct.ASSERT, CueClass.SAY, Set.of(FormType.ACTIVE), false, ":", "colon");
            return new Claim(new BlockAnalysis.CueHit(m.end, m.end + 1, colon, u), Claim.Mode.COLON, m, false, null,
                    first);
        }
        return null;
    }
}
