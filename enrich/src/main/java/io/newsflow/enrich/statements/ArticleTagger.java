package io.newsflow.enrich.statements;

import static io.newsflow.enrich.statements.BlockAnalysis.CAP;
import static io.newsflow.enrich.statements.BlockAnalysis.CUE;
import static io.newsflow.enrich.statements.BlockAnalysis.ORG;
import static io.newsflow.enrich.statements.BlockAnalysis.PLACE;
import static io.newsflow.enrich.statements.BlockAnalysis.PRON;
import static io.newsflow.enrich.statements.BlockAnalysis.PUNCT;
import static io.newsflow.enrich.statements.BlockAnalysis.QUOTE;
import static io.newsflow.enrich.statements.BlockAnalysis.ROLE;

import io.newsflow.enrich.core.Speaker;
import io.newsflow.enrich.core.SpeechAct;
import io.newsflow.enrich.core.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tags one article: first collects the names the article gives (entity table), then reads block after block,
 * sentence after sentence, attributing each cue to its speaker, grouping the cues of one speaker into one statement,
 * and carrying the discourse (who spoke last) for pronouns and continued quotations. One instance per article.
 */
final class ArticleTagger {
    private static final int PRONOUN_REACH = 8;
    private static final Set<String> OUTLET_FILLERS = Set.of("the", "kantor", "berita", "state", "news", "agency",
            "media", "stasiun", "televisi", "harian", "surat", "kabar", "broadcaster", "newspaper", "outlet",
            "pemerintah", "negara", "resmi", "official", "daily", "television", "tv", "radio", "program");

    private static final Set<String> MEDIA_FILLERS = Set.of("berita", "agency", "stasiun", "televisi", "harian",
            "kabar", "broadcaster", "newspaper", "outlet", "daily", "television", "radio");

    private enum Mode { SUBJECT, INVERTED, NYA, PREP, AGENT, REPORTIVE, ELIDED, PARTICIPLE, COLON }

    /** A cue attributed to a speaker phrase (or to the clause's speaker, for ELIDED/PARTICIPLE). */
    private record Claim(BlockAnalysis.CueHit hit, Mode mode, Mention mention, boolean embedded, String role,
                         int clauseStart) {}

    /** Who a statement is by, for pronouns and for telling one speaker from another. */
    private record Referent(Speaker speaker, boolean person, char gender, int blockOrder, String key) {}

    private record Resolved(Speaker speaker, Referent referent, double factor, boolean pronoun) {}

    /** A statement being built. */
    private static final class Draft {
        final BlockAnalysis block;
        int startToken;
        int endToken;
        int clauseStart;
        Speaker speaker;
        Referent referent;
        SpeechAct act;
        BlockAnalysis.CueHit governing;
        String via;
        double confidence;
        boolean weak;

        Draft(BlockAnalysis block) {
            this.block = block;
        }
    }

    private final LanguageLexicon lex;
    private final List<BlockAnalysis> blocks;
    private final EntityTable entities = new EntityTable();
    /** Speakers and sentence subjects in reading order: what a pronoun can refer to. */
    private final List<Referent> salient = new ArrayList<>();

    ArticleTagger(LanguageLexicon lex, List<BlockAnalysis> blocks) {
        this.lex = lex;
        this.blocks = blocks;
    }

    List<Statement> run() {
        for (BlockAnalysis b : blocks) {
            registerEntities(b);
        }
        List<Statement> out = new ArrayList<>();
        BlockAnalysis previous = null;
        List<Draft> previousDrafts = List.of();
        for (BlockAnalysis b : blocks) {
            List<Draft> drafts = tagBlock(b);
            if (drafts.isEmpty() && previous != null && previous.section == b.section && !previousDrafts.isEmpty()) {
                Draft continued = continuedQuotation(b, previous, previousDrafts.get(previousDrafts.size() - 1));
                if (continued != null) {
                    drafts = List.of(continued);
                }
            }
            for (Draft d : drafts) {
                out.add(finish(d));
            }
            previous = b;
            previousDrafts = drafts;
        }
        return out;
    }

    // ---- pass 1: names ----

    private void registerEntities(BlockAnalysis b) {
        for (Mention m : b.mentions) {
            int order = order(b, m.start);
            if (m.kind == Mention.Kind.PERSON) {
                String role = m.role;
                List<String> roleKeys = m.roleKeys;
                Mention apposition = appositiveRole(b, m);
                if (role == null && apposition != null) {
                    role = apposition.role;
                    roleKeys = apposition.roleKeys;
                }
                if (role != null || m.nameKeys.size() >= 2 || m.gender != 0) {
                    entities.registerPerson(m, role, roleKeys, order);
                }
            } else if ((m.kind == Mention.Kind.ORGANISATION && !m.agency)
                    || (m.kind == Mention.Kind.INSTITUTION && m.nameKeys.size() > 1)) {
                entities.registerOrganisation(m, order);
            }
        }
    }

    /** "Sergei Ryabkov, Wakil Menteri Luar Negeri Rusia," or "Russia's deputy foreign minister, Sergei Ryabkov,". */
    private static Mention appositiveRole(BlockAnalysis b, Mention m) {
        if (m.end < b.tokens.size() && b.tokens.get(m.end).text.equals(",")) {
            Mention after = b.startingAt(m.end + 1);
            if (after != null && after.kind == Mention.Kind.ROLE && (after.end >= b.tokens.size()
                    || b.tokens.get(after.end).kind == Token.PUNCT)) {
                return after;
            }
        }
        if (m.start >= 2 && b.tokens.get(m.start - 1).text.equals(",")) {
            Mention before = b.endingAt(m.start - 2);
            if (before != null && before.kind == Mention.Kind.ROLE) {
                return before;
            }
        }
        return null;
    }

    private static int order(BlockAnalysis b, int token) {
        return b.order * 100_000 + token;
    }

    // ---- pass 2: statements ----

    private List<Draft> tagBlock(BlockAnalysis b) {
        List<Draft> blockDrafts = new ArrayList<>();
        List<Draft> lastUnit = List.of();
        for (int u = 0; u < b.unitStart.length; u++) {
            List<Draft> unitDrafts = tagUnit(b, u);
            if (unitDrafts.isEmpty()) {
                if (!lastUnit.isEmpty() && quoteShare(b, b.unitStart[u], b.unitEnd[u]) >= 0.5) {
                    // "“A,” he said. “B.”": the second quotation continues the same statement
                    lastUnit.get(lastUnit.size() - 1).endToken = b.unitEnd[u];
                    continue;
                }
                rememberSubject(b, u);
                lastUnit = List.of();
                continue;
            }
            if (unitDrafts.size() == 1 && !lastUnit.isEmpty() && (continues(unitDrafts.get(0), b, u,
                    lastUnit.get(lastUnit.size() - 1)) || introducesOnly(unitDrafts.get(0), b, u,
                    lastUnit.get(lastUnit.size() - 1)))) {
                Draft into = lastUnit.get(lastUnit.size() - 1);
                Draft from = unitDrafts.get(0);
                into.endToken = b.unitEnd[u];
                if (into.act == SpeechAct.ASSERT && from.act != SpeechAct.ASSERT) {
                    into.act = from.act;
                    into.governing = from.governing;
                }
                if (into.via == null) {
                    into.via = from.via;
                }
                continue;
            }
            blockDrafts.addAll(unitDrafts);
            lastUnit = unitDrafts;
        }
        return blockDrafts;
    }

    /**
     * A quotation-first sentence attributed with a plain "katanya" / "he said" right after the same speaker's
     * statement elaborates it (one statement); "menambahkan" / "added" always starts a new one.
     */
    private boolean continues(Draft d, BlockAnalysis b, int u, Draft previous) {
        if (d.referent == null || previous.referent == null || !d.referent.key().equals(previous.referent.key())) {
            return false;
        }
        if (d.governing.cue().cueClass() != CueClass.SAY || d.act != SpeechAct.ASSERT) {
            return false;
        }
        Token first = b.tokens.get(b.firstWord(u));
        boolean quotationFirst = first.kind == Token.QUOTE_OPEN;
        return quotationFirst && d.confidence < 0.85;
    }

    /** "He said:" with nothing after it, by the speaker just quoted: it only announces what follows. */
    private static boolean introducesOnly(Draft d, BlockAnalysis b, int u, Draft previous) {
        if (d.referent == null || previous.referent == null || !d.referent.key().equals(previous.referent.key())) {
            return false;
        }
        return d.governing.end() >= b.unitEnd[u] - 1 && b.tokens.get(b.unitEnd[u] - 1).text.equals(":");
    }

    private List<Draft> tagUnit(BlockAnalysis b, int u) {
        List<Claim> claims = new ArrayList<>();
        for (BlockAnalysis.CueHit hit : b.cues) {
            if (hit.unit() != u || hit.cue().blocker()) {
                continue;
            }
            Claim c = attribute(b, u, hit, claims);
            if (c != null) {
                claims.add(c);
            }
        }
        if (claims.isEmpty()) {
            Claim colon = colonAttribution(b, u);
            if (colon != null) {
                claims.add(colon);
            }
        }
        if (claims.isEmpty()) {
            return List.of();
        }
        boolean unitHasQuote = quoteShare(b, b.unitStart[u], b.unitEnd[u]) > 0;
        String agencyVia = null;
        List<Draft> drafts = new ArrayList<>();
        for (Claim c : claims) {
            Draft current = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
            if (c.mode == Mode.ELIDED || c.mode == Mode.PARTICIPLE) {
                if (current != null) {
                    merge(current, c);
                    continue;
                }
                if (c.mode == Mode.ELIDED) {
                    continue;
                }
                Mention subject = b.startingAt(b.firstWord(u));
                if (subject == null || !subject.canSpeak()) {
                    continue;
                }
                c = new Claim(c.hit, Mode.SUBJECT, subject, false, null, subject.start);
            }
            if (c.mention != null && c.mention.agency && claims.size() > 1) {
                agencyVia = c.mention.name; // "according to Reuters", "..., Reuters reported": the outlet
                continue;
            }
            if (c.mention != null && c.mention.kind == Mention.Kind.COLLECTIVE) {
                continue;
            }
            if (c.hit.cue().cueClass() == CueClass.WEAK && !unitHasQuote
                    && !(named(c.mention) && complementFollows(b, c.hit.end(), b.unitEnd[u]))) {
                continue; // "X mencatat 90 juta penonton" records a figure; "X mencatat bahwa ..." says something
            }
            Resolved r = resolve(b, c);
            if (current != null && current.referent != null && r.referent != null
                    && current.referent.key().equals(r.referent.key())) {
                merge(current, c);
                continue;
            }
            if (current != null && c.embedded) {
                continue; // a cue inside what someone else reports ("Sherman said Russia offered no proof")
            }
            Draft d = new Draft(b);
            d.speaker = r.speaker;
            d.referent = r.referent;
            d.act = c.hit.cue().act();
            d.governing = c.hit;
            d.weak = c.hit.cue().cueClass() == CueClass.WEAK;
            d.clauseStart = c.clauseStart;
            d.confidence = baseConfidence(c.mode) * r.factor;
            drafts.add(d);
            if (r.referent != null) {
                salient.add(r.referent);
            }
        }
        // Regions: each statement runs from its clause to the next statement's clause.
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            d.startToken = i == 0 ? b.firstWord(u) : d.clauseStart;
            d.endToken = i + 1 < drafts.size() ? trimEnd(b, drafts.get(i + 1).clauseStart) : b.unitEnd[u];
        }
        assignVia(b, u, drafts);
        if (agencyVia != null && !drafts.isEmpty()) {
            Draft last = drafts.get(drafts.size() - 1);
            if (last.via == null) {
                last.via = agencyVia;
            }
        }
        return drafts;
    }

    private boolean complementFollows(BlockAnalysis b, int i, int ue) {
        return i < ue && (lex.complementizers.contains(b.tokens.get(i).key) || b.tokens.get(i).text.equals(":"));
    }

    private static boolean named(Mention m) {
        return m != null && (m.kind == Mention.Kind.PERSON || m.kind == Mention.Kind.ORGANISATION);
    }

    private int trimEnd(BlockAnalysis b, int end) {
        while (end > 0 && b.cls[end - 1] == PUNCT && !b.tokens.get(end - 1).text.equals(".")) {
            end--;
        }
        return end;
    }

    private static void merge(Draft d, Claim c) {
        SpeechAct act = c.hit.cue().act();
        if ((d.act == SpeechAct.ASSERT || d.weak) && act != SpeechAct.ASSERT && act != SpeechAct.REPORT) {
            d.act = act;
            d.governing = c.hit;
        }
        if (d.weak && c.hit.cue().cueClass() != CueClass.WEAK) {
            d.weak = false;
        }
    }

    private Claim attribute(BlockAnalysis b, int u, BlockAnalysis.CueHit hit, List<Claim> earlier) {
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
                return new Claim(hit, Mode.PARTICIPLE, null, false, null, hit.start());
            }
            return null;
        }
        if (forms.contains(FormType.ACTIVE) && hit.start() > us
                && lex.participleMarkers.contains(b.tokens.get(hit.start() - 1).key)
                && !forms.contains(FormType.PASSIVE)) {
            return new Claim(hit, Mode.PARTICIPLE, null, false, null, hit.start());
        }
        if (forms.contains(FormType.PREP)) {
            Mention m = b.startingAt(hit.end());
            return m != null && m.canSpeak() ? new Claim(hit, Mode.PREP, m, false, null, hit.start()) : null;
        }
        if (forms.contains(FormType.NYA)) {
            boolean placed = afterQuoteOrComma(b, hit.start(), us) || atUnitEnd(b, hit.end(), b.unitEnd[u])
                    || (cue.act() == SpeechAct.REPORT && hit.start() == b.firstWord(u));
            return placed ? new Claim(hit, Mode.NYA, null, false, null, quotationBefore(b, hit.start(), us))
                    : null;
        }
        if (forms.contains(FormType.ROOT)) {
            if (!(afterQuoteOrComma(b, hit.start(), us) || hit.start() == b.firstWord(u))) {
                return null;
            }
            return inverted(b, hit, us);
        }
        if (forms.contains(FormType.PASSIVE)) {
            boolean english = forms.contains(FormType.ACTIVE);
            if (!english || auxBefore) {
                if (cue.reportive()) {
                    Claim subject = subjectClaim(b, u, hit, Mode.REPORTIVE);
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
                    return new Claim(hit, Mode.AGENT, agent, false, null, us);
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
        Claim subject = subjectClaim(b, u, hit, Mode.SUBJECT);
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
            return new Claim(hit, Mode.ELIDED, null, false, null, hit.start());
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
        return new Claim(hit, Mode.INVERTED, m, false, role, quotationBefore(b, hit.start(), us));
    }

    private static boolean invertsAfterComma(Cue cue) {
        return cue.act() == SpeechAct.ASSERT && (cue.cueClass() == CueClass.SAY || cue.cueClass() == CueClass.ADD);
    }

    /** The subject before a cue: "Sherman (juga) mengatakan", "Ryabkov, yang memimpin delegasi, mengatakan". */
    private Claim subjectClaim(BlockAnalysis b, int u, BlockAnalysis.CueHit hit, Mode mode) {
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
    private Claim appositiveSubject(BlockAnalysis b, int u, BlockAnalysis.CueHit hit, Mode mode, int j) {
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
            for (int k = p - 1; k >= us; k--) {
                Token t = b.tokens.get(k);
                if (t.kind == Token.QUOTE_OPEN && t.quote == quote) {
                    return k;
                }
            }
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

    private static boolean nextIsClauseEnd(BlockAnalysis b, int i, int ue) {
        if (i >= ue) {
            return true;
        }
        Token t = b.tokens.get(i);
        return t.kind == Token.PUNCT || t.kind == Token.QUOTE_OPEN || t.kind == Token.QUOTE_CLOSE
                || t.key.equals("kepada") || t.key.equals("dalam") || t.key.equals("di") || t.key.equals("pada")
                || t.key.equals("saat") || t.key.equals("ketika") || t.key.equals("usai") || t.key.equals("setelah");
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
    private Claim colonAttribution(BlockAnalysis b, int u) {
        int first = b.firstWord(u);
        Mention m = b.startingAt(first);
        if (m == null || !(m.kind == Mention.Kind.PERSON || m.kind == Mention.Kind.ORGANISATION
                || (m.kind == Mention.Kind.ROLE && m.properRole))) {
            return null;
        }
        if (m.end + 1 < b.unitEnd[u] && b.tokens.get(m.end).text.equals(":")
                && b.tokens.get(m.end + 1).kind == Token.QUOTE_OPEN) {
            Cue colon = new Cue(":", SpeechAct.ASSERT, CueClass.SAY, Set.of(FormType.ACTIVE), false, ":", "colon");
            return new Claim(new BlockAnalysis.CueHit(m.end, m.end + 1, colon, u), Mode.COLON, m, false, null,
                    first);
        }
        return null;
    }

    // ---- speakers ----

    private Resolved resolve(BlockAnalysis b, Claim c) {
        int order = order(b, c.hit.start());
        if (c.mode == Mode.NYA) {
            return pronoun("any", (char) 0, b);
        }
        Mention m = c.mention;
        switch (m.kind) {
            case PRONOUN -> {
                return pronoun(m.pronounKind, m.gender, b);
            }
            case PERSON -> {
                EntityTable.Entity e = entities.person(m.nameKeys, order);
                if (e == null && m.role == null && m.nameKeys.size() == 1
                        && entities.organisation(m.nameKeys, order) != null) {
                    // "Medivance" after "Medivance Pharmaceuticals": an organisation's short name
                    Speaker s = new Speaker(m.name, null);
                    return new Resolved(s, referent(s, false, (char) 0, b), 1.0, false);
                }
                String name = e != null ? e.name : m.name;
                String role = withoutArticle(c.role != null ? c.role : m.role != null ? m.role : e != null ? e.role
                        : null);
                char gender = m.gender != 0 ? m.gender : e != null ? e.gender : 0;
                Speaker s = new Speaker(name, role);
                return new Resolved(s, referent(s, true, gender, b), 1.0, false);
            }
            case ORGANISATION -> {
                EntityTable.Entity e = m.agency ? null : entities.organisation(m.nameKeys, order);
                Speaker s = new Speaker(e != null && e.keys.size() > m.nameKeys.size() && m.nameKeys.size() > 1
                        ? e.name : m.name, null);
                return new Resolved(s, referent(s, false, (char) 0, b), 1.0, false);
            }
            case ROLE -> {
                EntityTable.Entity e = entities.byRole(m.roleKeys, order);
                if (e != null) {
                    Speaker s = new Speaker(e.name, e.role);
                    return new Resolved(s, referent(s, true, e.gender, b), 0.9, false);
                }
                if (m.properRole) {
                    Speaker s = new Speaker(m.role, m.role);
                    return new Resolved(s, referent(s, true, (char) 0, b), 0.8, false);
                }
                return new Resolved(null, null, 0.6, false);
            }
            case INSTITUTION -> {
                String head = m.nameKeys.isEmpty() ? null : m.nameKeys.get(m.nameKeys.size() - 1);
                EntityTable.Entity e = head == null ? null : entities.organisation(List.of(head), order);
                Referent recent = e == null && m.definite && m.nameKeys.size() == 1 ? lastOrganisation(b) : null;
                if (recent != null) {
                    return new Resolved(recent.speaker(), recent, 0.8, false); // "the firm said", "perusahaan itu"
                }
                if (e == null && m.definite && m.nameKeys.size() == 1) {
                    e = entities.recentOrganisation(order, order(b, 0) - 100_000); // "the company said"
                }
                Speaker s = new Speaker(e != null ? e.name : m.name, null);
                return new Resolved(s, referent(s, false, (char) 0, b), e != null ? 0.85 : 0.8, false);
            }
            default -> {
                return new Resolved(null, null, 0.65, false);
            }
        }
    }

    /** A role reads the same without its article: "the mayor of Marathon" → "mayor of Marathon". */
    private String withoutArticle(String role) {
        if (role == null) {
            return null;
        }
        int space = role.indexOf(' ');
        if (space > 0 && lex.determiners.contains(role.substring(0, space).toLowerCase(Locale.ROOT))
                && !role.substring(0, space).equalsIgnoreCase("para")) {
            return role.substring(space + 1);
        }
        return role;
    }

    private static Referent referent(Speaker s, boolean person, char gender, BlockAnalysis b) {
        return new Referent(s, person, gender, b.order,
                (person ? "p:" : "o:") + s.name().toLowerCase(Locale.ROOT));
    }

    /** The organisation spoken of last, within this block and the one before. */
    private Referent lastOrganisation(BlockAnalysis b) {
        Referent r = lastCompatible(salient, "organisation", (char) 0);
        return r != null && r.blockOrder() >= b.order - 1 ? r : null;
    }

    private Resolved pronoun(String kind, char gender, BlockAnalysis b) {
        Referent r = lastCompatible(salient, kind, gender);
        if (r == null) {
            return new Resolved(null, null, 0.35, true);
        }
        double factor = r.blockOrder() == b.order ? 0.85 : r.blockOrder() == b.order - 1 ? 0.78 : 0.68;
        return new Resolved(r.speaker(), r, factor, true);
    }

    private static Referent lastCompatible(List<Referent> list, String kind, char gender) {
        for (int i = list.size() - 1, seen = 0; i >= 0 && seen < PRONOUN_REACH; i--, seen++) {
            Referent r = list.get(i);
            boolean ok = switch (kind) {
                case "group", "organisation" -> !r.person();
                case "any" -> true;
                default -> r.person() && (gender == 0 || r.gender() == 0 || r.gender() == gender);
            };
            if (ok) {
                return r;
            }
        }
        return null;
    }

    private void rememberSubject(BlockAnalysis b, int u) {
        Mention m = b.startingAt(b.firstWord(u));
        boolean known = m != null && (m.nameKeys.size() > 1 || m.role != null
                || (m.kind == Mention.Kind.PERSON ? entities.person(m.nameKeys, order(b, m.start)) != null
                        : b.gazetteer[m.start] != null || b.tokens.get(m.start).allCaps));
        if (known && (m.kind == Mention.Kind.PERSON || m.kind == Mention.Kind.ORGANISATION) && m.canSpeak()) {
            Claim c = new Claim(new BlockAnalysis.CueHit(m.start, m.end, null, u), Mode.SUBJECT, m, false, null,
                    m.start);
            Resolved r = resolve(b, c);
            if (r.referent != null) {
                salient.add(r.referent);
            }
        }
    }

    // ---- via, continued quotations, finishing ----

    private void assignVia(BlockAnalysis b, int u, List<Draft> drafts) {
        for (int i = b.unitStart[u]; i < b.unitEnd[u]; i++) {
            if (b.tokens.get(i).inQuote()) {
                continue;
            }
            PhraseTrie.Match<ViaPattern> m = lex.via.longest(b.tokens, i, b.unitEnd[u], (t, k) -> !t.inQuote());
            if (m == null) {
                continue;
            }
            String outlet = outletAfter(b, m.end(), b.unitEnd[u], m.value().anyOutlet());
            if (outlet != null) {
                Draft owner = drafts.get(drafts.size() - 1);
                for (Draft d : drafts) {
                    if (i >= d.startToken && i < d.endToken) {
                        owner = d;
                    }
                }
                if (owner.via == null && (owner.speaker == null || !outlet.equals(owner.speaker.name()))) {
                    owner.via = outlet;
                }
            }
            i = m.end() - 1;
        }
    }

    private String outletAfter(BlockAnalysis b, int i, int ue, boolean anyOutlet) {
        int j = i;
        boolean mediaFiller = false;
        while (j < ue && j < i + 5 && b.tokens.get(j).isWord()
                && (OUTLET_FILLERS.contains(b.tokens.get(j).key) || b.cls[j] == PLACE)
                && b.agencyName[j] == null) {
            mediaFiller |= MEDIA_FILLERS.contains(b.tokens.get(j).key);
            j++;
        }
        if (j >= ue) {
            return null;
        }
        if (b.agencyName[j] != null && b.cls[j] == BlockAnalysis.AGENCY) {
            return b.agencyName[j];
        }
        Token t = b.tokens.get(j);
        if (!t.isWord() || !t.cap || b.cls[j] == PRON) {
            return null;
        }
        int k = j;
        boolean media = false;
        while (k < ue && b.tokens.get(k).isWord() && (b.tokens.get(k).cap || b.cls[k] == BlockAnalysis.PARTICLE)) {
            media |= lex.names.isMediaWord(b.tokens.get(k).key);
            k++;
        }
        if (anyOutlet || media || mediaFiller) {
            return b.span(j, k); // "told state broadcaster ERT": the word before says it is an outlet
        }
        return null;
    }

    /** A paragraph that is all quotation, right after a statement: the same speaker goes on. */
    private Draft continuedQuotation(BlockAnalysis b, BlockAnalysis previous, Draft last) {
        if (b.tokens.isEmpty() || quoteShare(b, 0, b.tokens.size()) < 0.85 || last.speaker == null) {
            return null;
        }
        boolean lastEndsBlock = last.endToken >= previous.tokens.size();
        Token previousEnd = previous.tokens.get(previous.tokens.size() - 1);
        if (!lastEndsBlock) {
            return null;
        }
        Draft d = new Draft(b);
        d.speaker = last.speaker;
        d.referent = last.referent;
        d.act = SpeechAct.ASSERT;
        d.governing = last.governing;
        d.startToken = 0;
        d.endToken = b.tokens.size();
        d.confidence = previousEnd.text.equals(":") ? 0.7 : 0.5;
        assignVia(b, 0, List.of(d));
        return d;
    }

    private static double quoteShare(BlockAnalysis b, int from, int to) {
        int words = 0;
        int quoted = 0;
        for (int i = from; i < to; i++) {
            Token t = b.tokens.get(i);
            if (t.isWord() || t.kind == Token.NUMBER) {
                words++;
                if (t.inQuote()) {
                    quoted++;
                }
            }
        }
        return words == 0 ? 0 : (double) quoted / words;
    }

    private static double baseConfidence(Mode mode) {
        return switch (mode) {
            case INVERTED -> 0.92;
            case SUBJECT, COLON -> 0.9;
            case AGENT -> 0.85;
            case NYA, PREP, PARTICIPLE, ELIDED -> 0.82;
            case REPORTIVE -> 0.75;
        };
    }

    private Statement finish(Draft d) {
        BlockAnalysis b = d.block;
        applyActRules(d);
        int start = b.tokens.get(d.startToken).start;
        int end = b.tokens.get(d.endToken - 1).end;
        List<String> quotes = new ArrayList<>();
        boolean unclosed = false;
        for (QuoteSpan q : b.quotes) {
            if (q.open() >= start && q.open() < end) {
                String content = q.content(b.text);
                if (!content.isEmpty()) {
                    quotes.add(content);
                    unclosed |= !q.closed();
                }
            }
        }
        double confidence = d.confidence;
        if (d.weak) {
            confidence -= 0.1;
        }
        if (!quotes.isEmpty()) {
            confidence += 0.05;
        }
        if (unclosed) {
            confidence -= 0.1;
        }
        confidence = Math.round(Math.max(0.05, Math.min(0.99, confidence)) * 100) / 100.0;
        return new Statement(b.section, b.block, b.text.substring(start, end), d.speaker, d.act, quotes, d.via,
                start, end, confidence);
    }

    private static boolean occurs(PhraseTrie<Boolean> markers, BlockAnalysis b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (markers.longest(b.tokens, i, limit, (t, k) -> !t.isQuoteMark()) != null) {
                return true;
            }
        }
        return false;
    }

    private void applyActRules(Draft d) {
        if (d.act != SpeechAct.ASSERT || d.governing == null || d.governing.cue() == null) {
            return;
        }
        BlockAnalysis b = d.block;
        CueClass cueClass = d.governing.cue().cueClass();
        for (ActRule rule : lex.rules) {
            if (!rule.classes().contains(cueClass)) {
                continue;
            }
            int limit = Math.min(d.endToken, d.governing.end() + rule.window());
            if (occurs(rule.markers(), b, d.governing.end(), limit)
                    && (rule.alsoMarkers() == null || occurs(rule.alsoMarkers(), b, d.governing.end(), limit))) {
                d.act = rule.to();
                d.confidence -= 0.05;
                return;
            }
        }
    }
}
