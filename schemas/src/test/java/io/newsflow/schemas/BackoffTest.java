package io.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleTheWaitUpToTheCap() {
        Duration max = Duration.ofSeconds(1);

        assertThat(Backoff.doubled(Duration.ofMillis(100), max)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.doubled(Duration.ofMillis(600), max)).isEqualTo(max);
        assertThat(Backoff.doubled(max, max)).isEqualTo(max);
    }

    @Test
    void shouldWaitBetweenHalfAndAllOfTheDoubledBaseCappedAtTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new Random(7));

        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.delay(40)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }

    @Test
    void shouldRefuseABaseAboveTheMaximum() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base");
    }
}
