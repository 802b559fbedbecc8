package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnricherVersionTest {

    @Test
    void shouldChangeTheRulesHashWhenAUserRuleFileChanges(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, "terms:\n  strong: [slot777]\n");
        EnricherVersion before = versionWith(rules);
        assertThat(versionWith(rules)).isEqualTo(before);

        Files.writeString(rules, "terms:\n  strong: [slot888]\n");
        EnricherVersion after = versionWith(rules);

        assertThat(after.rules()).isNotEqualTo(before.rules());
        assertThat(after.code()).isEqualTo(before.code());
        assertThat(RuleSet.builtIn().fingerprint()).isNotEqualTo(before.rules());
    }

    private static EnricherVersion versionWith(Path userRules) {
        return EnricherVersion.of(EnricherVersion.codeVersion(),
                RuleSet.load(new RuleSet.UserFiles(List.of(userRules), List.of())).fingerprint());
    }

    @Test
    void shouldBakeTheMavenProjectVersionIntoTheCodeVersion() {
        assertThat(EnricherVersion.codeVersion()).isNotBlank().doesNotContain("${").isNotEqualTo("development");
        assertThat(new EnricherVersion("1.2.0", "abcd").label()).isEqualTo("1.2.0+rules.abcd");
    }
}
