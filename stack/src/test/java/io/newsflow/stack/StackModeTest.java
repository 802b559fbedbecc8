package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StackModeTest {

    @Test
    @DisplayName("without a switch the servers run as local processes")
    void defaultsToProcesses() {
        assertThat(StackMode.selected(null, Map.of())).isEqualTo(StackMode.PROCESSES);
        assertThat(StackMode.selected(" ", Map.of(StackMode.ENV, ""))).isEqualTo(StackMode.PROCESSES);
    }

    @Test
    @DisplayName("the system property selects containers, and wins over the environment variable")
    void propertyWins() {
        assertThat(StackMode.selected("Testcontainers", Map.of())).isEqualTo(StackMode.TESTCONTAINERS);
        assertThat(StackMode.selected("processes", Map.of(StackMode.ENV, "testcontainers")))
                .isEqualTo(StackMode.PROCESSES);
        assertThat(StackMode.selected(null, Map.of(StackMode.ENV, "testcontainers")))
                .isEqualTo(StackMode.TESTCONTAINERS);
    }

    @Test
    @DisplayName("an unknown mode is refused with the valid names")
    void unknownMode() {
        assertThatThrownBy(() -> StackMode.selected("docker", Map.of()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("processes, testcontainers");
    }

    @Test
    @DisplayName("selecting containers where they cannot run (no Testcontainers, or no Docker engine) fails naming the"
            + " switch")
    void containersThatCannotRunFailClearly() {
        assertThatThrownBy(StackMode::containers)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("-Dnewsflow.stack=testcontainers");
    }
}
