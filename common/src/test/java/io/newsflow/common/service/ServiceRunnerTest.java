package io.newsflow.common.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.OpsSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
    private static final OpsSettings NO_ENDPOINT = new OpsSettings("127.0.0.1", OpsSettings.DISABLED);

    @Test
    @DisplayName("a service that fails stops the run with exit code 1 and every service is closed, last started first")
    void failureStopsEverything() {
        List<String> closed = new ArrayList<>();
        int exit = ServiceRunner.run(List.of(
                new ServiceRunner.Definition("first", NO_ENDPOINT, context -> () -> closed.add("first")),
                new ServiceRunner.Definition("second", NO_ENDPOINT, context -> {
                    context.meters().counter("started").increment();
                    context.fail("broken on purpose", new IllegalStateException("boom"));
                    return () -> closed.add("second");
                })));

        assertThat(exit).isEqualTo(1);
        assertThat(closed).containsExactly("second", "first");
    }

    @Test
    @DisplayName("a service that cannot start closes the ones already started")
    void startFailure() {
        List<String> closed = new ArrayList<>();
        int exit = ServiceRunner.run(List.of(
                new ServiceRunner.Definition("first", NO_ENDPOINT, context -> () -> closed.add("first")),
                new ServiceRunner.Definition("second", NO_ENDPOINT, context -> {
                    throw new IllegalStateException("no broker");
                })));

        assertThat(exit).isEqualTo(1);
        assertThat(closed).containsExactly("first");
    }
}
