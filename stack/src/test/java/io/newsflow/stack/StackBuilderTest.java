package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackBuilderTest {

    @Test
    void shouldDefaultToAllThreeServersInTargetUnderTheWorkingDirectory() {
        Stack stack = Stack.builder().build();

        assertThat(stack.servers()).containsExactlyInAnyOrder(Server.values());
        assertThat(stack.runDir()).isEqualTo(Path.of("target/newsflow-stack").toAbsolutePath());
        assertThat(stack.logFile(Server.KAFKA)).isEqualTo(stack.runDir().resolve("logs/kafka.log"));
        assertThat(stack.endpointsFile()).isEqualTo(stack.runDir().resolve("endpoints.properties"));
    }

    @Test
    void shouldRejectSettingsThatCannotWork() {
        assertThatThrownBy(() -> Stack.builder().runDir(Path.of("/tmp/my stack")))
                .hasMessageContaining("must not contain whitespace");
        assertThatThrownBy(() -> Stack.builder().heap(Server.KAFKA, "half"))
                .hasMessageContaining("heap of Kafka must look like 512m or 1g, not 'half'");
        assertThatThrownBy(() -> Stack.builder().port(Server.REGISTRY, 70_000))
                .hasMessageContaining("port of Schema Registry out of range: 70000");
        assertThatThrownBy(() -> Stack.builder().servers(List.of()))
                .hasMessageContaining("at least one server");
        assertThatThrownBy(() -> Stack.builder().startTimeout(Duration.ZERO))
                .hasMessageContaining("start timeout must be positive");
    }

    @Test
    void shouldRefuseToControlAServerThatIsNotPartOfTheStack() {
        Stack stack = Stack.builder().servers(Server.KAFKA).build();

        assertThatThrownBy(() -> stack.stop(Server.ELASTICSEARCH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Elasticsearch is not part of this stack");
        assertThat(stack.pid(Server.KAFKA)).isEmpty();
        assertThat(stack.crashed()).isEmpty();
    }

    @Test
    void shouldRefuseARunDirInUseAndLeaveTheRunningStacksFilesAlone(@org.junit.jupiter.api.io.TempDir Path runDir)
            throws Exception {
        java.nio.file.Files.writeString(runDir.resolve(Stack.ENDPOINTS_FILE), "kafka=127.0.0.1:1\n");
        try (RunDirLock running = RunDirLock.acquire(runDir)) {
            Stack second = Stack.builder().runDir(runDir).build();

            assertThatThrownBy(second::start).isInstanceOf(StackException.class)
                    .hasMessageContaining("already runs a stack from " + runDir);
            assertThat(runDir.resolve(Stack.ENDPOINTS_FILE)).exists();
        }
    }

    @Test
    void shouldParseServerNamesCaseInsensitivelyAndListTheValidOnes() {
        assertThat(Server.fromId(" Elasticsearch ")).isEqualTo(Server.ELASTICSEARCH);
        assertThatThrownBy(() -> Server.fromId("zookeeper"))
                .hasMessage("unknown server 'zookeeper'; expected one of kafka, registry, elasticsearch");
    }
}
