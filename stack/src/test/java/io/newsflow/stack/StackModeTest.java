package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackModeTest {

    @Test
    void shouldRunServersAsLocalProcessesWithoutASwitch() {
        assertThat(StackMode.selected(null, Map.of())).isEqualTo(StackMode.PROCESSES);
        assertThat(StackMode.selected(" ", Map.of(StackMode.ENV, ""))).isEqualTo(StackMode.PROCESSES);
    }

    @Test
    void shouldLetTheSystemPropertySelectContainersBeforeTheEnvironment() {
        assertThat(StackMode.selected("Testcontainers", Map.of())).isEqualTo(StackMode.TESTCONTAINERS);
        assertThat(StackMode.selected("processes", Map.of(StackMode.ENV, "testcontainers")))
                .isEqualTo(StackMode.PROCESSES);
        assertThat(StackMode.selected(null, Map.of(StackMode.ENV, "testcontainers")))
                .isEqualTo(StackMode.TESTCONTAINERS);
    }

    @Test
    void shouldRefuseAnUnknownModeListingTheValidNames() {
        assertThatThrownBy(() -> StackMode.selected("docker", Map.of()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("processes, testcontainers");
    }

    @Test
    void shouldRefuseToSelectContainersWhereTheyCannotRun() {
        assertThatThrownBy(StackMode::containers)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("-Dnewsflow.stack=testcontainers");
    }
}
