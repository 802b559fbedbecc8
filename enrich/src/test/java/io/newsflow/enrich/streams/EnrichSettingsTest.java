package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.enrich.pipeline.CleaningLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The enrich settings. */
class EnrichSettingsTest {

    @Test
    void shouldUseTheDefaultsWhenTheSectionIsAbsent() {
        ConfigSource source = ConfigSource.parse("kafka: {}\n", "newsflow.yml", Map.of());
        EnrichSettings settings = EnrichSettings.from(source.root());
        assertThat(source.problems()).isEmpty();
        assertThat(settings.applicationId()).isEqualTo("newsflow-enrich");
        assertThat(settings.dedupTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.threads()).isEqualTo(1);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.minWords()).isEqualTo(25);
        assertThat(settings.rules()).isEmpty();
        assertThat(settings.rulesCheckInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.languages()).contains("id", "ms", "en");
        assertThat(settings.preciseLanguage()).isFalse();
    }

    @Test
    void shouldBindTheFileAndLetTheEnvironmentOverrideIt() {
        ConfigSource source = ConfigSource.parse("""
                enrich:
                  applicationId: enrich-eu
                  stateDir: /var/lib/newsflow/enrich
                  dedupTtl: 2d
                  threads: 4
                  commitInterval: 1s
                  languages: [id, ms, en]
                """, "newsflow.yml", Map.of("NEWSFLOW_ENRICH_DEDUP_TTL", "12h"));
        EnrichSettings settings = EnrichSettings.from(source.root());
        assertThat(source.problems()).isEmpty();
        assertThat(settings.applicationId()).isEqualTo("enrich-eu");
        assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/newsflow/enrich"));
        assertThat(settings.dedupTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.languages()).containsExactly("id", "ms", "en");
    }

    @Test
    void shouldReportEveryBadSettingWithItsLocation() {
        ConfigSource source = ConfigSource.parse("""
                enrich:
                  applicationId: "bad id!"
                  dedupTtl: 5s
                  threads: 0
                  commitInterval: 5m
                  rules: /no/such/rules.yml
                  languages: [id]
                """, "newsflow.yml", Map.of());
        EnrichSettings.from(source.root());
        List<String> problems = source.problems().stream().map(Object::toString).toList();
        assertThat(problems).hasSize(6);
        assertThat(problems).allSatisfy(p -> assertThat(p).contains("newsflow.yml"));
        assertThat(String.join("\n", problems)).contains("applicationId", "dedupTtl", "threads", "commitInterval", "enrich.rules",
                "languages");
    }

    @Test
    void shouldBindTheRegistryWaitAndRefuseAWaitPastTheTransactionBudget() {
        ConfigSource good = ConfigSource.parse("enrich:\n  registryWaitMax: 10s\n", "newsflow.yml",
                Map.of("NEWSFLOW_ENRICH_REGISTRY_BACKOFF_MAX", "2s"));
        EnrichSettings settings = EnrichSettings.from(good.root());
        assertThat(good.problems()).isEmpty();
        assertThat(settings.registryWait()).isEqualTo(new EnrichSettings.RegistryWait(Duration.ofSeconds(10),
                Duration.ofSeconds(2)));
        assertThat(EnrichSettings.from(ConfigSource.parse("kafka: {}\n", "n.yml", Map.of()).root()).registryWait())
                .isEqualTo(EnrichSettings.RegistryWait.DEFAULTS);

        ConfigSource bad = ConfigSource.parse("""
                enrich:
                  registryWaitMax: 10m
                  registryBackoffMax: 10ms
                """, "newsflow.yml", Map.of());
        EnrichSettings.from(bad.root());
        assertThat(bad.problems()).hasSize(2);
        assertThat(String.join("\n", bad.problems().stream().map(Object::toString).toList()))
                .contains("registryWaitMax", "registryBackoffMax", "newsflow.yml");
    }

    @Test
    void shouldBindTheInputBoundsWithTheirDefaultsAndRanges() {
        ConfigSource defaults = ConfigSource.parse("kafka: {}\n", "newsflow.yml", Map.of());
        assertThat(EnrichSettings.from(defaults.root()).limits()).isEqualTo(CleaningLimits.defaults());
        assertThat(CleaningLimits.defaults())
                .isEqualTo(new CleaningLimits(8L << 20, 200_000, Duration.ofSeconds(10)));

        ConfigSource set = ConfigSource.parse("""
                enrich:
                  maxPageBytes: 1048576
                  maxElements: 50000
                """, "newsflow.yml", Map.of("NEWSFLOW_ENRICH_TIME_BUDGET", "500ms"));
        assertThat(EnrichSettings.from(set.root()).limits())
                .isEqualTo(new CleaningLimits(1 << 20, 50_000, Duration.ofMillis(500)));
        assertThat(set.problems()).isEmpty();

        ConfigSource bad = ConfigSource.parse("""
                enrich:
                  maxPageBytes: 10
                  maxElements: 0
                  timeBudget: 1ms
                """, "newsflow.yml", Map.of());
        EnrichSettings.from(bad.root());
        List<String> problems = bad.problems().stream().map(Object::toString).toList();
        assertThat(problems).hasSize(3);
        assertThat(String.join("\n", problems)).contains("maxPageBytes", "maxElements", "timeBudget", "newsflow.yml:4");
    }

    @Test
    void shouldNameEveryMistakeOfAUserRuleFileWithItsFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path rules = java.nio.file.Files.writeString(dir.resolve("rules.yml"), """
                rules:
                  - id: promo
                    version: 0
                    kind: pattern
                    description: promo
                    patterns: ['(unclosed']
                disable: [no-such-rule]
                """);
        ConfigSource source = ConfigSource.parse("enrich:\n  rules: " + rules + "\n", "newsflow.yml", Map.of());

        EnrichSettings.from(source.root());

        assertThat(source.problems().stream().map(Object::toString).toList()).containsExactly(
                "newsflow.yml:2: enrich.rules: " + rules + ":3: rules[0] (promo): version must be a whole number >= 1",
                "newsflow.yml:2: enrich.rules: " + rules + ":6: rules[0] (promo): pattern '(unclosed' does not compile:"
                        + " Unclosed group",
                "newsflow.yml:2: enrich.rules: " + rules + ":7: disable[0]: no rule with id 'no-such-rule' to disable");
    }
}
