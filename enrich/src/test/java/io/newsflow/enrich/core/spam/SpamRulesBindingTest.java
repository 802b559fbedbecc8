package io.newsflow.enrich.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.core.SpamRemoval;
import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedBlock.Kind;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpamRulesBindingTest {
    private static final String PROSE = "Pemerintah kota mengumumkan jadwal perbaikan jalan yang akan dimulai pekan depan"
            + " dan berlangsung selama tiga bulan menurut keterangan dinas pekerjaan umum setempat.";

    private static ExtractedPage page(String... lines) {
        List<ExtractedBlock> blocks = new ArrayList<>();
        blocks.add(new ExtractedBlock(Kind.PARAGRAPH, PROSE));
        for (String line : lines) {
            blocks.add(new ExtractedBlock(Kind.PARAGRAPH, line));
        }
        return new ExtractedPage("Judul", null, null, blocks, List.of());
    }

    private static List<String> problemsOf(String yaml) {
        InvalidSpamRulesException e = (InvalidSpamRulesException) org.assertj.core.api.Assertions.catchThrowable(
                () -> SpamRules.withUserRules(yaml, "user.yml"));
        assertThat(e).as("the file is refused").isNotNull();
        return e.problems();
    }

    @Test
    void shouldNameFileLineAndPathOfEveryBindingError() {
        List<String> problems = problemsOf("""
                rules:
                  - id: promo
                    version: 1
                    kind: pattern
                    description: A promo line.
                    patterns: ['^promo$']
                    maxWords: many
                    colour: red
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "user.yml:7: rules[0].maxWords: 'many' is not a whole number",
                "user.yml:8: rules[0].colour: unknown key 'colour' (expected one of category, description, enabled,"
                        + " id, kind, maxHandleWords, maxItemWords, maxWords, minAction, minDensity, minItems,"
                        + " minProseBefore, minSpamItemShare, minStrong, nextToSpam, patterns, position, prefixes,"
                        + " topicDensity, topicMinAction, unless, version)");
    }

    @Test
    void shouldReportThreeMistakesOfOneFileAtOnceEachWithItsLine() {
        List<String> problems = problemsOf("""
                terms:
                  strongest: [x]
                rules:
                  - id: a
                    version: 1
                    kind: pattern
                    description: unclosed
                    patterns: ['(unclosed']
                  - id: b
                    version: 1
                    kind: keywords
                    description: too dense
                    minDensity: 1.5
                """);

        assertThat(problems).hasSize(3).containsExactly(
                "user.yml:2: terms.strongest: unknown tier 'strongest' (expected strong, context, action)",
                "user.yml:8: rules[0] (a): pattern '(unclosed' does not compile: Unclosed group",
                "user.yml:13: rules[1] (b): 'minDensity' must be a number between 0 and 1, not '1.5'");
    }

    @Test
    void shouldNameTheLineOfAYamlSyntaxError() {
        assertThat(problemsOf("rules:\n  - id: a\n    patterns: [unclosed\n"))
                .containsExactly("user.yml:4: not valid YAML: expected ',' or ']', but got <stream end>");
    }

    @Test
    void shouldAddReplaceAndDisableRulesOnTopOfTheBuiltInOnes() {
        SpamRules builtIn = SpamRules.defaults();
        SpamRules rules = SpamRules.withUserRules("""
                disable: [boilerplate-read-more]
                rules:
                  - id: boilerplate-advertisement
                    version: 2
                    kind: pattern
                    category: boilerplate
                    description: Only the Indonesian marker.
                    patterns: ['^\\W*iklan\\W*$']
                    maxWords: 8
                  - id: spam-link-farm
                    enabled: false
                  - id: local-promo
                    version: 1
                    kind: pattern
                    category: boilerplate
                    description: Our CMS's promo line.
                    patterns: ['^langganan sekarang.*$']
                """, "user.yml");

        assertThat(builtIn.rule("boilerplate-read-more")).isPresent();
        assertThat(rules.rule("boilerplate-read-more")).as("disabled by list").isEmpty();
        assertThat(rules.rule("spam-link-farm")).as("disabled by enabled: false").isEmpty();
        assertThat(rules.rule("boilerplate-advertisement")).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(2));
        assertThat(rules.rules()).hasSize(builtIn.rules().size() - 1);
        List<SpamRemoval> removed = new SpamStripper(rules)
                .strip(page("ADVERTISEMENT", "IKLAN", "Langganan sekarang, gratis!")).removals();
        assertThat(removed).containsExactly(
                new SpamRemoval("IKLAN", "boilerplate-advertisement", 2),
                new SpamRemoval("Langganan sekarang, gratis!", "local-promo", 1));
    }

    @Test
    void shouldRefuseToDisableARuleThatDoesNotExist() {
        assertThat(problemsOf("rules:\n  - id: no-such-rule\n    enabled: false\ndisable: [nor-this]\n"))
                .containsExactly("user.yml:2: rules[0] (no-such-rule): no rule with id 'no-such-rule' to disable",
                        "user.yml:4: disable[0]: no rule with id 'nor-this' to disable");
    }
}
