package io.newsflow.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.avro.CleanArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a replay changed, article by article: the article as the index has it before and as the current enricher
 * makes it. Counts articles seen, changed, newly made and no longer made; spam lines added and removed per rule
 * (a line that moved from one rule to another counts as removed from one and added to the other); articles whose
 * statements changed. Plain Java, fed by {@code replay --dry-run} and by a replay as it runs.
 */
public final class ReplaySummary {

    /** A spam line and the rule that took it. */
    public record SpamLine(String text, String rule) {}

    /** The parts of an article the summary compares. */
    public record Outcome(String id, String text, List<SpamLine> spam, List<String> statements) {
        public Outcome {
            Objects.requireNonNull(id, "id");
            spam = List.copyOf(spam);
            statements = List.copyOf(statements);
        }

        public static Outcome of(CleanArticle article) {
            return new Outcome(article.getId(), article.getText(),
                    article.getSpamRemoved().stream().map(r -> new SpamLine(r.getText(), r.getRule())).toList(),
                    article.getStatements().stream().map(s -> s.getText()).toList());
        }

        /** From the index's document of the article (the fields the sink writes). */
        public static Outcome ofDocument(String id, JsonNode doc) {
            List<SpamLine> spam = new ArrayList<>();
            doc.path("spamRemoved").forEach(r -> spam.add(new SpamLine(r.path("text").asText(), r.path("rule").asText())));
            List<String> statements = new ArrayList<>();
            doc.path("statements").forEach(s -> statements.add(s.path("text").asText()));
            return new Outcome(id, doc.path("text").asText(), spam, statements);
        }
    }

    /** Lines added and removed under one rule. */
    public record RuleChange(int added, int removed) {}

    private int seen;
    private int changed;
    private int created;
    private int gone;
    private int statementsChanged;
    private final Map<String, int[]> rules = new TreeMap<>();

    /**
     * Adds one article.
     *
     * @param before as indexed now, or null when the index does not have it
     * @param after as the current enricher makes it, or null when it no longer makes an article of it
     */
    public void add(Outcome before, Outcome after) {
        seen++;
        if (before == null && after == null) {
            return;
        }
        if (before == null) {
            created++;
            after.spam().forEach(line -> rule(line.rule())[0]++);
            return;
        }
        if (after == null) {
            gone++;
            return;
        }
        List<SpamLine> added = minus(after.spam(), before.spam());
        List<SpamLine> removed = minus(before.spam(), after.spam());
        added.forEach(line -> rule(line.rule())[0]++);
        removed.forEach(line -> rule(line.rule())[1]++);
        boolean statements = !before.statements().equals(after.statements());
        if (statements) {
            statementsChanged++;
        }
        if (!added.isEmpty() || !removed.isEmpty() || statements || !Objects.equals(before.text(), after.text())) {
            changed++;
        }
    }

    public int seen() {
        return seen;
    }

    public int changed() {
        return changed;
    }

    public int created() {
        return created;
    }

    public int gone() {
        return gone;
    }

    public int statementsChanged() {
        return statementsChanged;
    }

    /** Spam lines added and removed, by rule id, for the rules with any change. */
    public Map<String, RuleChange> byRule() {
        Map<String, RuleChange> out = new TreeMap<>();
        rules.forEach((rule, counts) -> out.put(rule, new RuleChange(counts[0], counts[1])));
        return out;
    }

    /** The summary as the command prints it. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("articles: %d seen, %d changed, %d new, %d no longer an article%n", seen, changed,
                created, gone));
        out.append(String.format("statements changed in %d articles%n", statementsChanged));
        if (rules.isEmpty()) {
            out.append("spam lines: no change\n");
        } else {
            out.append("spam lines by rule (added / removed):\n");
            byRule().forEach((rule, c) -> out.append(String.format("  %-32s +%d / -%d%n", rule, c.added(), c.removed())));
        }
        return out.toString();
    }

    private int[] rule(String id) {
        return rules.computeIfAbsent(id, r -> new int[2]);
    }

    /** The lines of {@code a} not in {@code b}, as a multiset difference. */
    private static List<SpamLine> minus(List<SpamLine> a, List<SpamLine> b) {
        List<SpamLine> rest = new ArrayList<>(b);
        List<SpamLine> out = new ArrayList<>();
        for (SpamLine line : a) {
            if (!rest.remove(line)) {
                out.add(line);
            }
        }
        return out;
    }
}
