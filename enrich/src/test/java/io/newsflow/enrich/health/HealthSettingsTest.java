package io.newsflow.enrich.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthSettingsTest {

    @Test
    void shouldUseTheDefaultsWhenTheSectionIsAbsent() {
        ConfigSource source = ConfigSource.parse("enrich: {}\n", "newsflow.yml", Map.of());
        HealthSettings settings = HealthSettings.from(source.root());
        assertThat(source.problems()).isEmpty();
        assertThat(settings).isEqualTo(HealthSettings.defaults());
        assertThat(settings.rule()).isEqualTo(new HealthRule(3, 0.1, Duration.ofHours(24), 3, 5));
    }

    @Test
    void shouldBindTheFileAndLetTheEnvironmentOverrideIt() {
        ConfigSource source = ConfigSource.parse("""
                enrich:
                  health:
                    applicationId: health-eu
                    commitInterval: 5s
                    minSpamArticles: 5
                    minSpamShare: 0.25
                    recoveryPeriod: 2d
                    minCleanArticles: 10
                    samples: 8
                """, "newsflow.yml", Map.of("NEWSFLOW_ENRICH_HEALTH_MIN_SPAM_ARTICLES", "4"));
        HealthSettings settings = HealthSettings.from(source.root());
        assertThat(source.problems()).isEmpty();
        assertThat(settings.applicationId()).isEqualTo("health-eu");
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.rule()).isEqualTo(new HealthRule(4, 0.25, Duration.ofDays(2), 10, 8));
    }

    @Test
    void shouldReportEveryBadThresholdWithItsLocation() {
        ConfigSource source = ConfigSource.parse("""
                enrich:
                  health:
                    applicationId: "bad id!"
                    minSpamArticles: 0
                    minSpamShare: 0
                    recoveryPeriod: 10m
                    minCleanArticles: -1
                    commitInterval: 2m
                """, "newsflow.yml", Map.of());
        HealthSettings settings = HealthSettings.from(source.root());
        List<String> problems = source.problems().stream().map(Object::toString).toList();
        assertThat(problems).hasSize(6).allSatisfy(p -> assertThat(p).contains("newsflow.yml"));
        assertThat(String.join("\n", problems)).contains("applicationId", "minSpamArticles", "minSpamShare",
                "recoveryPeriod", "minCleanArticles", "commitInterval");
        assertThat(settings.rule()).isEqualTo(HealthRule.DEFAULTS);
    }
}
