package io.newsflow.enrich.statements;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The seed article against the shared expected facts, matched as the shared seed_facts.py script matches them: same
 * section, speaker, act, every expected quote inside one of the statement's quotes (or the other way round), via and
 * role when given. Until the enrich core's segmentation is on main, the body comes from the local splitter.
 */
class SeedStatementsTest {
    private static ArticleBody body;
    private static List<Statement> statements;
    private static List<Map<String, Object>> expected;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void tagSeed() {
        body = PlainTextArticle.parse(SharedFolder.read("samples/geneva-talks.id.txt"), 3);
        statements = StatementTagger.withDefaults().tag(body, "id");
        Map<String, Object> facts = new Yaml().load(SharedFolder.read("samples/geneva-talks.expected.yaml"));
        expected = (List<Map<String, Object>>) facts.get("statements");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldFindEveryExpectedStatement() {
        Set<Integer> used = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> want : expected) {
            int hit = -1;
            for (int j = 0; j < statements.size() && hit < 0; j++) {
                Statement got = statements.get(j);
                if (used.contains(j) || !heading(got).equals(want.get("section")) || got.speaker() == null
                        || !norm(got.speaker().name()).equals(norm((String) want.get("speaker")))
                        || !got.act().name().equals(want.get("act"))) {
                    continue;
                }
                List<String> quotes = (List<String>) want.getOrDefault("quotes", List.of());
                boolean quotesHeld = quotes.stream().allMatch(q -> got.quotes().stream()
                        .anyMatch(g -> norm(g).contains(norm(q)) || norm(q).contains(norm(g))));
                boolean viaHeld = !want.containsKey("via") || norm((String) want.get("via")).equals(norm(got.via()));
                boolean roleHeld = !want.containsKey("role")
                        || norm((String) want.get("role")).equals(norm(got.speaker().role()));
                if (quotesHeld && viaHeld && roleHeld) {
                    hit = j;
                }
            }
            if (hit < 0) {
                missing.add(want.toString());
            } else {
                used.add(hit);
            }
        }
        assertThat(missing).as("expected statements not found").isEmpty();
        assertThat(statements).as("statements beyond the expected ones").hasSize(expected.size());
    }

    @Test
    void shouldInventNothingForEventsAndNarration() {
        int last = body.sections().size() - 1;
        assertThat(body.sections().get(last).heading()).isEqualTo("Apa sekarang?");
        assertThat(statements).noneMatch(s -> s.section() == last && s.block() < 2);
        assertThat(statements).noneMatch(s -> s.section() == Statement.LEAD);
    }

    @Test
    void shouldPointIntoTheBlockText() {
        for (Statement s : statements) {
            String block = body.blocksOf(s.section()).get(s.block()).text();
            assertThat(block.substring(s.start(), s.end())).isEqualTo(s.text());
            assertThat(s.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void shouldWriteJsonForTheSharedChecker() throws Exception {
        Path out = Path.of("target", "seed-statements.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, StatementJson.write(body, "id", statements));
        assertThat(Files.readString(out)).contains("\"statements\"").contains("Wendy Sherman");
    }

    @Test
    void shouldLowerConfidenceForPronouns() {
        Statement named = find("mengutuk");
        Statement pronoun = find("Namun dia menambahkan");
        assertThat(pronoun.speaker().name()).isEqualTo("Sergei Ryabkov");
        assertThat(pronoun.confidence()).isLessThan(named.confidence());
    }

    private static Statement find(String phrase) {
        return statements.stream().filter(s -> s.text().contains(phrase)).findFirst().orElseThrow();
    }

    private static String heading(Statement s) {
        return s.section() == Statement.LEAD ? "" : body.sections().get(s.section()).heading();
    }

    private static String norm(String s) {
        return TaggingQuality.norm(s) == null ? "" : TaggingQuality.norm(s);
    }
}
