package io.newsflow.stack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.stack.Server;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.StackException;
import io.newsflow.stack.StackMode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackExtensionTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearSwitch() {
        System.clearProperty(StackEndpoints.EXTERNAL_PROPERTY);
        System.clearProperty(StackMode.PROPERTY);
    }

    @Test
    void shouldFailEveryUseWithTheReasonWhenContainersAreSelectedButCannotRun() {
        // Testcontainers is on this module's test classpath (provided scope); no Docker engine runs here.
        System.setProperty(StackMode.PROPERTY, "testcontainers");

        StackExtension.SharedStack shared = StackExtension.SharedStack.open(EnumSet.of(Server.KAFKA));

        assertThatThrownBy(() -> shared.endpoints(Set.of(Server.KAFKA))).isInstanceOf(StackException.class)
                .hasMessageContaining("-Dnewsflow.stack=testcontainers");
        assertThatThrownBy(shared::stack).isInstanceOf(StackException.class);
    }

    @Test
    void shouldRefuseAnUnknownStackMode() {
        System.setProperty(StackMode.PROPERTY, "kubernetes");

        StackExtension.SharedStack shared = StackExtension.SharedStack.open(EnumSet.of(Server.KAFKA));

        assertThatThrownBy(() -> shared.endpoints(Set.of(Server.KAFKA))).hasMessageContaining("'kubernetes'");
    }

    @Test
    void shouldUseTheEndpointsOfAnExternalStackAndStartNothing() {
        StackEndpoints running = new StackEndpoints(Map.of(Server.KAFKA, "127.0.0.1:9092"));
        Path file = dir.resolve("endpoints.properties");
        running.writeTo(file);
        System.setProperty(StackEndpoints.EXTERNAL_PROPERTY, file.toString());

        StackExtension.SharedStack shared = StackExtension.SharedStack.open(EnumSet.of(Server.KAFKA));

        assertThat(shared.endpoints(EnumSet.of(Server.KAFKA))).isEqualTo(running);
        assertThat(shared.stack()).isEmpty();
    }

    @Test
    void shouldFailEveryUseWithTheSameCauseWhenTheExternalFileIsMissing() {
        System.setProperty(StackEndpoints.EXTERNAL_PROPERTY, dir.resolve("gone.properties").toString());

        StackExtension.SharedStack shared = StackExtension.SharedStack.open(EnumSet.of(Server.KAFKA));

        assertThatThrownBy(() -> shared.endpoints(Set.of(Server.KAFKA))).isInstanceOf(StackException.class).hasMessageContaining("gone.properties");
        assertThatThrownBy(shared::stack).isInstanceOf(StackException.class).hasMessageContaining("gone.properties");
    }

    @Test
    void shouldSayWhichServerAnExternalStackLacks() {
        Path file = dir.resolve("endpoints.properties");
        new StackEndpoints(Map.of(Server.KAFKA, "127.0.0.1:9092")).writeTo(file);
        System.setProperty(StackEndpoints.EXTERNAL_PROPERTY, file.toString());

        StackExtension.SharedStack shared = StackExtension.SharedStack.open(EnumSet.of(Server.KAFKA));

        assertThatThrownBy(() -> shared.endpoints(EnumSet.of(Server.KAFKA, Server.ELASTICSEARCH)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("has no [ELASTICSEARCH]");
    }

    @Test
    void shouldGiveEveryServerToAClassThatDoesNotSayWhichItNeeds() {
        assertThat(StackExtension.neededBy(StackExtensionTest.class)).containsExactlyInAnyOrder(Server.values());
    }

    @Test
    void shouldGiveAClassTheServersItAsksForAlsoToItsNestedClasses() {
        assertThat(StackExtension.neededBy(NeedsKafka.class)).containsExactly(Server.KAFKA);
        assertThat(StackExtension.neededBy(NeedsKafka.Inner.class)).containsExactly(Server.KAFKA);
    }

    @StackServers(Server.KAFKA)
    static class NeedsKafka {
        class Inner {
        }
    }
}
