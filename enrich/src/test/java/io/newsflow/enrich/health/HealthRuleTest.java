package io.newsflow.enrich.health;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthRuleTest {

    @Test
    void shouldRefuseThresholdsThatMakeNoSenseNamingTheSetting() {
        assertThatThrownBy(() -> new HealthRule(0, 0.1, Duration.ofHours(24), 3, 5))
                .hasMessageContaining("minSpamArticles");
        assertThatThrownBy(() -> new HealthRule(3, 0, Duration.ofHours(24), 3, 5))
                .hasMessageContaining("minSpamShare");
        assertThatThrownBy(() -> new HealthRule(3, 1.5, Duration.ofHours(24), 3, 5))
                .hasMessageContaining("minSpamShare");
        assertThatThrownBy(() -> new HealthRule(3, 0.1, Duration.ofMinutes(30), 3, 5))
                .hasMessageContaining("recoveryPeriod");
        assertThatThrownBy(() -> new HealthRule(3, 0.1, Duration.ofDays(8), 3, 5))
                .hasMessageContaining("recoveryPeriod");
        assertThatThrownBy(() -> new HealthRule(3, 0.1, Duration.ofHours(24), 0, 5))
                .hasMessageContaining("minCleanArticles");
    }
}
