package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.pipeline.EnricherVersion.RuleText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnricherVersionTest {

    @Test
    void shouldHashTheSameRulesAlikeWhateverTheFileIsCalled() {
        String a = EnricherVersion.rulesHash(List.of(new RuleText("a.yml", "rules: []")));
        String b = EnricherVersion.rulesHash(List.of(new RuleText("moved/b.yml", "rules: []")));
        assertThat(a).isEqualTo(b).hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void shouldHashDifferentlyWhenTextMovesBetweenFiles() {
        String one = EnricherVersion.rulesHash(List.of(new RuleText("x", "ab"), new RuleText("y", "c")));
        String two = EnricherVersion.rulesHash(List.of(new RuleText("x", "a"), new RuleText("y", "bc")));
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void shouldChangeTheRulesHashWhenAUserRuleFileChanges(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, "terms:\n  strong: [slot777]\n");
        EnricherVersion before = EnricherVersion.current(List.of(rules), List.of());
        assertThat(EnricherVersion.current(List.of(rules), List.of())).isEqualTo(before);

        Files.writeString(rules, "terms:\n  strong: [slot888]\n");
        EnricherVersion after = EnricherVersion.current(List.of(rules), List.of());

        assertThat(after.rules()).isNotEqualTo(before.rules());
        assertThat(after.code()).isEqualTo(before.code());
        assertThat(EnricherVersion.current(List.of(), List.of()).rules()).isNotEqualTo(before.rules());
    }

    @Test
    void shouldBakeTheMavenProjectVersionIntoTheCodeVersion() {
        assertThat(EnricherVersion.codeVersion()).isNotBlank().doesNotContain("${").isNotEqualTo("development");
        assertThat(new EnricherVersion("1.2.0", "abcd").label()).isEqualTo("1.2.0+rules.abcd");
    }
}
