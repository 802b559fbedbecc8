package io.newsflow.common.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.OpsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
    private static final OpsSettings NO_ENDPOINT = new OpsSettings("127.0.0.1", OpsSettings.DISABLED);

    @Test
    void shouldEndTheRunWithExitCode1AndCloseEveryServiceWhenOneFails() {
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
    void shouldCloseTheServicesAlreadyStartedWhenOneDoesNotStart() {
        List<String> closed = new ArrayList<>();
        int exit = ServiceRunner.run(List.of(
                new ServiceRunner.Definition("first", NO_ENDPOINT, context -> () -> closed.add("first")),
                new ServiceRunner.Definition("second", NO_ENDPOINT, context -> {
                    throw new IllegalStateException("no broker");
                })));

        assertThat(exit).isEqualTo(1);
        assertThat(closed).containsExactly("first");
    }

    @Test
    void shouldKeepStartedServicesRunningUntilClosedEvenAfterAFailure() throws Exception {
        List<String> closed = new ArrayList<>();
        ServiceContext[] second = new ServiceContext[1];
        ServiceRunner services = ServiceRunner.start(List.of(
                new ServiceRunner.Definition("first", NO_ENDPOINT, context -> () -> closed.add("first")),
                new ServiceRunner.Definition("second", NO_ENDPOINT, context -> {
                    context.meters().counter("started").increment();
                    second[0] = context;
                    return () -> closed.add("second");
                })));

        assertThat(services.awaitStop(Duration.ofMillis(50))).isFalse();
        assertThat(services.meters("second").orElseThrow().counter("started").count()).isEqualTo(1.0);
        assertThat(services.meters("third")).isEmpty();

        second[0].fail("broken on purpose", new IllegalStateException("boom"));
        assertThat(services.awaitStop(Duration.ofSeconds(1))).isTrue();
        assertThat(services.failure()).get().extracting(Throwable::getMessage).isEqualTo("boom");
        assertThat(closed).isEmpty();

        services.close();
        services.close();
        assertThat(closed).containsExactly("second", "first");
    }

    @Test
    void shouldThrowFromStartAndCloseTheOthersWhenAServiceCannotStart() {
        List<String> closed = new ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServiceRunner.start(List.of(
                        new ServiceRunner.Definition("first", NO_ENDPOINT, context -> () -> closed.add("first")),
                        new ServiceRunner.Definition("second", NO_ENDPOINT, context -> {
                            throw new IllegalStateException("no broker");
                        }))))
                .hasMessage("no broker");
        assertThat(closed).containsExactly("first");
    }
}
