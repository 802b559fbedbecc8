package io.newsflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistryClientSettingsTest {

    @Test
    void shouldNeverShowThePassword() {
        var settings = new RegistryClientSettings("http://registry:8081", "newsflow:s3cret",
                Duration.ofSeconds(1), Duration.ofSeconds(2));

        assertThat(settings.toString()).contains("newsflow", "http://registry:8081").doesNotContain("s3cret");
    }

    @Test
    void shouldRejectUserInfoWithoutPassword() {
        assertThatThrownBy(() -> new RegistryClientSettings("http://r", "newsflow", Duration.ofSeconds(1),
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'user:password'")
                .hasMessageContaining("http://r");
    }

    @Test
    void shouldRejectNonPositiveTimeouts() {
        assertThatThrownBy(() -> new RegistryClientSettings("http://r", null, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connect timeout");
    }
}
