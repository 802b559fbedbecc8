package io.newsflow.enrich.statements;

import static io.newsflow.enrich.statements.BlockAnalysis.PUNCT;
import static io.newsflow.enrich.statements.BlockAnalysis.ROLE;

import io.newsflow.enrich.core.Speaker;
import io.newsflow.enrich.core.SpeechAct;
import io.newsflow.enrich.core.Statement;
import io.newsflow.enrich.core.TimeBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Tags one article: first collects the names the article gives (entity table), then reads block after block,
 * sentence after sentence, attributing each cue to its speaker, grouping the cues of one speaker into one statement,
 * and carrying the discourse (who spoke last) for pronouns and continued quotations. One instance per article.
 */
final class ArticleTagger {

    /** A statement being built. */
    private static final class Draft {
        final BlockAnalysis block;
        int startToken;
        int endToken;
        int clauseStart;
        Speaker speaker;
        SpeakerResolver.Referent referent;
        SpeechAct act;
        BlockAnalysis.CueHit governing;
        String via;
        double confidence;
        boolean weak;
        /** Taken from the statement before it (a quotation paragraph after "He said:"), not found in the block. */
        boolean continued;

        Draft(BlockAnalysis block) {
            this.block = block;
        }
    }

    private final LanguageLexicon lex;
    private final List<BlockAnalysis> blocks;
    private final EntityTable entities = new EntityTable();
    private final CueAttributor attributor;
    private final SpeakerResolver speakers;
    private final TimeBudget budget;

    ArticleTagger(LanguageLexicon lex, List<BlockAnalysis> blocks, TimeBudget budget) {
        this.lex = lex;
        this.blocks = blocks;
        this.budget = budget;
        this.attributor = new CueAttributor(lex);
        this.speakers = new SpeakerResolver(lex, entities);
    }

    List<Statement> run() {
        for (BlockAnalysis b : blocks) {
            registerEntities(b);
        }
        List<List<Draft>> byBlock = new ArrayList<>(blocks.size());
        BlockAnalysis previous = null;
        List<Draft> previousDrafts = List.of();
        for (BlockAnalysis b : blocks) {
            budget.check();
            List<Draft> drafts = tagBlock(b);
            if (drafts.isEmpty() && previous != null && previous.section == b.section && !previousDrafts.isEmpty()) {
                Draft continued = continuedQuotation(b, previous, previousDrafts.get(previousDrafts.size() - 1));
                if (continued != null) {
                    drafts = List.of(continued);
                }
            }
            byBlock.add(drafts);
            previous = b;
            previousDrafts = drafts;
        }
        attributeBackwards(byBlock);
        List<Statement> out = new ArrayList<>();
        for (List<Draft> drafts : byBlock) {
            for (Draft d : drafts) {
                out.add(finish(d));
            }
        }
        return out;
    }

    /**
     * A quotation over several paragraphs: a paragraph that opens a quotation and never closes it, followed by a
     * paragraph of the same section that starts inside a quotation attributed there ("”A. B.", then "C,” tutur
     * Nushy."), is the closing cue's speaker's too; read from the end, so a chain of such paragraphs follows. The
     * closing cue is better evidence than the statement before, so it replaces a continuation taken from there.
     */
    private void attributeBackwards(List<List<Draft>> byBlock) {
        for (int i = blocks.size() - 2; i >= 0; i--) {
            BlockAnalysis b = blocks.get(i);
            BlockAnalysis next = blocks.get(i + 1);
            List<Draft> own = byBlock.get(i);
            boolean onlyContinued = own.isEmpty() || (own.size() == 1 && own.get(0).continued);
            if (!onlyContinued || byBlock.get(i + 1).isEmpty() || next.section != b.section
                    || !opensUnclosedQuotation(b) || next.tokens.isEmpty()) {
                continue;
            }
            Draft first = byBlock.get(i + 1).get(0);
            int firstWord = next.firstWord(0);
            if (first.speaker == null || first.startToken != firstWord || firstWord >= next.tokens.size()
                    || !next.tokens.get(firstWord).inQuote()) {
                continue;
            }
            byBlock.set(i, List.of(wholeBlockBy(b, first, 0.75)));
        }
    }

    /** All quotation, opened at its start and never closed: the paragraph's quotation goes on in the next one. */
    private static boolean opensUnclosedQuotation(BlockAnalysis b) {
        if (b.quotes.isEmpty() || b.tokens.isEmpty()) {
            return false;
        }
        QuoteSpan last = b.quotes.get(b.quotes.size() - 1);
        return !last.closed() && last.contentEnd() >= b.tokens.get(b.tokens.size() - 1).end
                && quoteShare(b, 0, b.tokens.size()) >= 0.85;
    }

    // ---- pass 1: names ----

    private void registerEntities(BlockAnalysis b) {
        for (Mention m : b.mentions) {
            int order = b.orderOf(m.start);
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
                speakers.rememberSubject(b, u);
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
            Claim c = attributor.attribute(b, u, hit, claims);
            if (c != null) {
                claims.add(c);
            }
        }
        if (claims.isEmpty()) {
            Claim colon = attributor.colonAttribution(b, u);
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
            if (c.mode() == Claim.Mode.ELIDED || c.mode() == Claim.Mode.PARTICIPLE) {
                if (current != null) {
                    merge(current, c);
                    continue;
                }
                if (c.mode() == Claim.Mode.ELIDED) {
                    continue;
                }
                Mention subject = b.startingAt(b.firstWord(u));
                if (subject == null || !subject.canSpeak()) {
                    continue;
                }
                c = new Claim(c.hit(), Claim.Mode.SUBJECT, subject, false, null, subject.start);
            }
            if (c.mention() != null && c.mention().agency && claims.size() > 1) {
                agencyVia = c.mention().name; // "according to Reuters", "..., Reuters reported": the outlet
                continue;
            }
            if (c.mention() != null && c.mention().kind == Mention.Kind.COLLECTIVE) {
                continue;
            }
            if (c.hit().cue().cueClass() == CueClass.WEAK && !unitHasQuote
                    && !(named(c.mention()) && complementFollows(b, c.hit().end(), b.unitEnd[u]))) {
                continue; // "X mencatat 90 juta penonton" records a figure; "X mencatat bahwa ..." says something
            }
            SpeakerResolver.Resolved r = speakers.resolve(b, c);
            if (current != null && current.referent != null && r.referent() != null
                    && current.referent.key().equals(r.referent().key())) {
                merge(current, c);
                continue;
            }
            if (current != null && c.embedded()) {
                continue; // a cue inside what someone else reports ("Sherman said Russia offered no proof")
            }
            Draft d = new Draft(b);
            d.speaker = r.speaker();
            d.referent = r.referent();
            d.act = c.hit().cue().act();
            d.governing = c.hit();
            d.weak = c.hit().cue().cueClass() == CueClass.WEAK;
            d.clauseStart = c.clauseStart();
            d.confidence = baseConfidence(c.mode()) * r.factor();
            drafts.add(d);
            speakers.remember(r.referent());
        }
        if (drafts.isEmpty()) {
            return drafts; // every claim was an outlet, a collective or an embedded cue: no statement to give a via
        }
        regions(b, u, drafts);
        assignVia(b, u, drafts);
        if (agencyVia != null && !drafts.isEmpty()) {
            Draft last = drafts.get(drafts.size() - 1);
            if (last.via == null) {
                last.via = agencyVia;
            }
        }
        return drafts;
    }

    /**
     * Each statement runs from its clause to the next statement's clause, the first from the unit's first word. A
     * clause start found for one cue may lie at or before the previous statement's start (the clause of a cue
     * comes from the words around it, not from the cues before it); the next region then starts one token after the
     * previous start, so every region holds at least one token and regions follow each other in the text. Drafts
     * come in the order of their cues, each on a token of its own, so the last start stays inside the unit.
     */
    private void regions(BlockAnalysis b, int u, List<Draft> drafts) {
        int start = b.firstWord(u);
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            d.startToken = start;
            if (i + 1 == drafts.size()) {
                d.endToken = b.unitEnd[u];
                break;
            }
            int next = Math.max(drafts.get(i + 1).clauseStart, start + 1);
            d.endToken = Math.max(trimEnd(b, next), start + 1);
            start = next;
        }
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
        SpeechAct act = c.hit().cue().act();
        if ((d.act == SpeechAct.ASSERT || d.weak) && act != SpeechAct.ASSERT && act != SpeechAct.REPORT) {
            d.act = act;
            d.governing = c.hit();
        }
        if (d.weak && c.hit().cue().cueClass() != CueClass.WEAK) {
            d.weak = false;
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
            String outlet = Outlets.after(lex, b, m.end(), b.unitEnd[u], m.value().anyOutlet());
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
        Draft d = wholeBlockBy(b, last, previousEnd.text.equals(":") ? 0.7 : 0.5);
        d.continued = true;
        assignVia(b, 0, List.of(d));
        return d;
    }

    /** A quotation paragraph as a statement of the speaker of {@code other}, a statement next to it. */
    private static Draft wholeBlockBy(BlockAnalysis b, Draft other, double confidence) {
        Draft d = new Draft(b);
        d.speaker = other.speaker;
        d.referent = other.referent;
        d.act = SpeechAct.ASSERT;
        d.governing = other.governing;
        d.startToken = 0;
        d.endToken = b.tokens.size();
        d.confidence = confidence;
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

    private static double baseConfidence(Claim.Mode mode) {
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
