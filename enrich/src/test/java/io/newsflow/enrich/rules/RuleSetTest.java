package io.newsflow.enrich.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetTest {
    private static final String PROMO = """
            rules:
              - id: local-promo
                version: 1
                kind: pattern
                category: boilerplate
                description: Our CMS's promo line.
                patterns: ['^langganan sekarang.*$']
            """;

    @TempDir
    Path dir;

    private RuleSet withRules(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("rules-" + Math.abs(yaml.hashCode()) + ".yml"), yaml);
        return RuleSet.load(new RuleSet.UserFiles(List.of(file), List.of()));
    }

    @Test
    void shouldGiveTheBuiltInRulesOneStableShortHexFingerprint() {
        String fingerprint = RuleSet.builtIn().fingerprint();

        assertThat(fingerprint).hasSize(RuleSet.FINGERPRINT_LENGTH).matches("[0-9a-f]+");
        assertThat(RuleSet.builtIn().fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void shouldChangeTheFingerprintWhenAUserRuleIsAddedOrChanged() throws IOException {
        String builtIn = RuleSet.builtIn().fingerprint();
        String added = withRules(PROMO).fingerprint();
        String changed = withRules(PROMO.replace("version: 1", "version: 2")).fingerprint();

        assertThat(added).isNotEqualTo(builtIn);
        assertThat(changed).isNotEqualTo(added).isNotEqualTo(builtIn);
    }

    @Test
    void shouldKeepTheFingerprintWhenOnlyCommentsWhitespaceQuotingOrKeyOrderChange() throws IOException {
        String original = withRules(PROMO).fingerprint();
        String reformatted = withRules("""
                # our own rules
                rules:

                  - kind: "pattern"     # same rule, keys in another order
                    id: local-promo
                    description: "Our CMS's promo line."
                    category: boilerplate
                    version: 1
                    patterns:
                      - '^langganan sekarang.*$'
                """).fingerprint();

        assertThat(reformatted).isEqualTo(original);
    }

    @Test
    void shouldChangeTheFingerprintWhenALexiconEntryIsAdded() throws IOException {
        Path lexicon = Files.writeString(dir.resolve("en-extra.yaml"), """
                language: en
                words:
                  institutions: [ministry of magic]
                """);

        RuleSet withLexicon = RuleSet.load(new RuleSet.UserFiles(List.of(), List.of(lexicon)));

        assertThat(withLexicon.fingerprint()).isNotEqualTo(RuleSet.builtIn().fingerprint());
    }

    @Test
    void shouldReportTheProblemsOfRuleAndLexiconFilesTogetherWithFileAndLine() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yml"), """
                rules:
                  - id: broken
                    version: 0
                    kind: pattern
                    description: x
                    patterns: ['(unclosed']
                disable: [no-such-rule]
                """);
        Path lexicon = Files.writeString(dir.resolve("lex.yaml"), "language: en\nwords:\n  colours: [red]\n");
        Path missing = dir.resolve("missing.yml");

        InvalidRulesException e = catchThrowableOfType(InvalidRulesException.class,
                () -> RuleSet.load(new RuleSet.UserFiles(List.of(rules, missing), List.of(lexicon))));

        assertThat(e.problems()).hasSize(5).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith(missing + ": cannot read"),
                p -> assertThat(p).startsWith(rules + ":3: rules[0] (broken): version"),
                p -> assertThat(p).startsWith(rules + ":6: rules[0] (broken): pattern '(unclosed' does not compile"),
                p -> assertThat(p).startsWith(rules + ":7: disable[0]: no rule with id 'no-such-rule'"),
                p -> assertThat(p).startsWith(lexicon + ":3: words.colours: unknown word category 'colours'"));
    }

    @Test
    void shouldShipAnExampleThatIsInactiveAsIsAndValidUncommented() throws IOException {
        Path example = Path.of("..", "config", "rules.example.yml");
        String text = Files.readString(example);
        String body = text.substring(text.indexOf("# terms:"));
        String uncommented = body.lines().map(l -> l.startsWith("# ") ? l.substring(2) : l.equals("#") ? "" : l)
                .collect(java.util.stream.Collectors.joining("\n"));

        assertThat(RuleSet.load(new RuleSet.UserFiles(List.of(example), List.of())).fingerprint())
                .isEqualTo(RuleSet.builtIn().fingerprint());
        RuleSet active = withRules(uncommented);
        assertThat(active.spamRules().rule("local-promo")).isPresent();
        assertThat(active.spamRules().rule("spam-link-farm")).isEmpty();
        assertThat(active.spamRules().rule("boilerplate-read-more")).isEmpty();
        assertThat(active.spamRules().rule("boilerplate-advertisement"))
                .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(2));
    }
}
