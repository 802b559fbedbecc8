package io.newsflow.enrich.statements;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Precision and recall of statement detection, speakers, acts, quote spans and via over the golden set. A predicted
 * statement is paired with an expected one in the same block (by a phrase of its text when the block holds several);
 * unpaired predictions count against precision, unpaired expectations against recall.
 */
final class TaggingQuality {
    static final class Counts {
        int predicted;
        int expected;
        int paired;
        int speakerOk;
        int actOk;
        int roleChecked;
        int roleOk;
        int quotesPredicted;
        int quotesExpected;
        int quotesOk;
        int viaPredicted;
        int viaExpected;
        int viaOk;

        void add(Counts o) {
            predicted += o.predicted;
            expected += o.expected;
            paired += o.paired;
            speakerOk += o.speakerOk;
            actOk += o.actOk;
            roleChecked += o.roleChecked;
            roleOk += o.roleOk;
            quotesPredicted += o.quotesPredicted;
            quotesExpected += o.quotesExpected;
            quotesOk += o.quotesOk;
            viaPredicted += o.viaPredicted;
            viaExpected += o.viaExpected;
            viaOk += o.viaOk;
        }

        double p(int ok) {
            return predicted == 0 ? 1 : (double) ok / predicted;
        }

        double r(int ok) {
            return expected == 0 ? 1 : (double) ok / expected;
        }

        /** F1 of statements attributed to the right speaker: the issue's "quoted-statement attribution F1". */
        double attributedF1() {
            double p = p(speakerOk);
            double r = r(speakerOk);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        static double ratio(int ok, int of) {
            return of == 0 ? 1 : (double) ok / of;
        }
    }

    final Map<String, Counts> byLanguage = new LinkedHashMap<>();
    /** Per class of miss (cases that name one), as "class, language". */
    final Map<String, Counts> byClass = new java.util.TreeMap<>();
    final Counts total = new Counts();
    final List<String> misses = new ArrayList<>();

    static TaggingQuality measure(StatementTagger tagger, List<GoldenSet.Case> cases) {
        TaggingQuality q = new TaggingQuality();
        for (GoldenSet.Case c : cases) {
            List<Statement> got = tagger.tag(c.body(), c.language());
            Counts counts = q.score(c, got);
            q.byLanguage.computeIfAbsent(c.language(), l -> new Counts()).add(counts);
            if (c.missClass() != null) {
                q.byClass.computeIfAbsent(c.missClass() + ", " + c.language(), l -> new Counts()).add(counts);
            }
            q.total.add(counts);
        }
        return q;
    }

    private Counts score(GoldenSet.Case c, List<Statement> got) {
        Counts k = new Counts();
        k.predicted = got.size();
        k.expected = c.statements().size();
        Set<Integer> used = new HashSet<>();
        Set<String> expectedQuotes = new HashSet<>();
        Set<String> predictedQuotes = new HashSet<>();
        for (Statement s : got) {
            for (String quote : s.quotes()) {
                predictedQuotes.add(s.section() + "/" + s.block() + "/" + norm(quote));
            }
            if (s.via() != null) {
                k.viaPredicted++;
            }
        }
        for (GoldenSet.Expected e : c.statements()) {
            int section = sectionIndex(c.body(), e.section());
            for (String quote : e.quotes()) {
                expectedQuotes.add(section + "/" + e.block() + "/" + norm(quote));
            }
            if (e.via() != null) {
                k.viaExpected++;
            }
            Statement match = null;
            for (int i = 0; i < got.size(); i++) {
                Statement s = got.get(i);
                if (!used.contains(i) && s.section() == section && s.block() == e.block()
                        && (e.contains() == null || s.text().contains(e.contains()))) {
                    used.add(i);
                    match = s;
                    break;
                }
            }
            if (match == null) {
                misses.add(c.id() + ": missed " + e);
                continue;
            }
            k.paired++;
            String name = match.speaker() == null ? null : match.speaker().name();
            if (Objects.equals(norm(name), norm(e.speaker()))) {
                k.speakerOk++;
            } else {
                misses.add(c.id() + ": speaker " + name + " != " + e.speaker() + " in «" + match.text() + "»");
            }
            if (match.act().name().equals(e.act())) {
                k.actOk++;
            } else {
                misses.add(c.id() + ": act " + match.act() + " != " + e.act() + " in «" + match.text() + "»");
            }
            if (e.roleGiven()) {
                k.roleChecked++;
                String role = match.speaker() == null ? null : match.speaker().role();
                if (Objects.equals(withoutArticle(norm(role)), withoutArticle(norm(e.role())))) {
                    k.roleOk++;
                } else {
                    misses.add(c.id() + ": role " + role + " != " + e.role());
                }
            }
            if (e.via() != null && e.via().equals(match.via())) {
                k.viaOk++;
            } else if (!Objects.equals(e.via(), match.via())) {
                misses.add(c.id() + ": via " + match.via() + " != " + e.via());
            }
        }
        for (int i = 0; i < got.size(); i++) {
            if (!used.contains(i)) {
                Statement s = got.get(i);
                misses.add(c.id() + ": extra " + s.act() + " " + s.speaker() + " «" + s.text() + "»");
            }
        }
        k.quotesExpected = expectedQuotes.size();
        k.quotesPredicted = predictedQuotes.size();
        for (String quote : predictedQuotes) {
            if (expectedQuotes.contains(quote)) {
                k.quotesOk++;
            } else {
                misses.add(c.id() + ": extra quote " + quote);
            }
        }
        for (String quote : expectedQuotes) {
            if (!predictedQuotes.contains(quote)) {
                misses.add(c.id() + ": missed quote " + quote);
            }
        }
        return k;
    }

    private static int sectionIndex(ArticleBody body, String heading) {
        if (heading.equals("lead")) {
            return Statement.LEAD;
        }
        for (int i = 0; i < body.sections().size(); i++) {
            if (body.sections().get(i).heading().equals(heading)) {
                return i;
            }
        }
        throw new IllegalArgumentException("golden names a section that the text lacks: " + heading);
    }

    /** Case, Unicode form and surrounding punctuation do not matter when comparing names and quotations. */
    static String norm(String s) {
        if (s == null) {
            return null;
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
        return n.replaceAll("^[\\p{Punct}“”‘’«»\\s]+|[\\p{Punct}“”‘’«»\\s]+$", "");
    }

    /** Roles compare without a leading article: "The mayor of Marathon" is "mayor of Marathon". */
    private static String withoutArticle(String role) {
        return role == null ? null : role.replaceFirst("^(the|a|an) ", "");
    }

    /** The table, as recorded in docs/statements.md. */
    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("| set | gold | found | statements P / R | speaker P / R | act P / R | quote spans P / R"
                + " | via P / R | role acc. |%n"));
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        byLanguage.forEach((lang, k) -> sb.append(row(lang, k)));
        sb.append(row("all", total));
        return sb.toString();
    }

    /** One row per class of miss, with the statement F1 (a pair with the right speaker counts as found). */
    String classTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("| class, language | gold | found | statements P / R | speaker P / R"
                + " | attributed F1 | quote spans P / R |%n"));
        sb.append("|---|---|---|---|---|---|---|\n");
        byClass.forEach((name, k) -> sb.append(String.format(Locale.ROOT,
                "| %s | %d | %d | %.2f / %.2f | %.2f / %.2f | %.2f | %.2f / %.2f |%n", name, k.expected, k.predicted,
                k.p(k.paired), k.r(k.paired), k.p(k.speakerOk), k.r(k.speakerOk), k.attributedF1(),
                Counts.ratio(k.quotesOk, k.quotesPredicted), Counts.ratio(k.quotesOk, k.quotesExpected))));
        sb.append(String.format(Locale.ROOT, "| all classes | %d | %d | %.2f / %.2f | %.2f / %.2f | %.2f | %.2f / %.2f |%n",
                total.expected, total.predicted, total.p(total.paired), total.r(total.paired), total.p(total.speakerOk),
                total.r(total.speakerOk), total.attributedF1(), Counts.ratio(total.quotesOk, total.quotesPredicted),
                Counts.ratio(total.quotesOk, total.quotesExpected)));
        return sb.toString();
    }

    private static String row(String name, Counts k) {
        return String.format(Locale.ROOT,
                "| %s | %d | %d | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f |%n",
                name, k.expected, k.predicted, k.p(k.paired), k.r(k.paired), k.p(k.speakerOk), k.r(k.speakerOk),
                k.p(k.actOk), k.r(k.actOk), Counts.ratio(k.quotesOk, k.quotesPredicted),
                Counts.ratio(k.quotesOk, k.quotesExpected), Counts.ratio(k.viaOk, k.viaPredicted),
                Counts.ratio(k.viaOk, k.viaExpected), Counts.ratio(k.roleOk, k.roleChecked));
    }
}
