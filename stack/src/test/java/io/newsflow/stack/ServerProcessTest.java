package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void shouldTailTheLastLinesOfALog() throws Exception {
        Path log = Files.writeString(dir.resolve("server.log"),
                IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

        assertThat(ServerProcess.tail(log, 3)).isEqualTo("line 98\nline 99\nline 100");
        assertThat(ServerProcess.tail(dir.resolve("none.log"), 3)).contains("no log at");
    }

    @Test
    void shouldSendAProcessOutputToItsLogAndRecordItsPidUntilStopped() throws Exception {
        OwnedProcesses owned = new OwnedProcesses(dir);
        LaunchSpec spec = new LaunchSpec(List.of("bash", "-c", "echo \"up with $GREETING\"; exec sleep 600"),
                Map.of("GREETING", "hello"), Set.of(), dir);
        Path log = dir.resolve("logs/dummy.log");

        ServerProcess process = ServerProcess.start("dummy", spec, log, owned);

        assertThat(dir.resolve("pids/dummy.pid")).hasContent(Long.toString(process.pid()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(log).content().contains("up with hello"));
        process.stop(Duration.ofSeconds(5));
        assertThat(process.isAlive()).isFalse();
        assertThat(dir.resolve("pids/dummy.pid")).doesNotExist();
    }

    @Test
    void shouldReportAFailedHelperWithItsExitCodeAndOutput() {
        LaunchSpec failing = new LaunchSpec(List.of("bash", "-c", "echo disk full; exit 3"), Map.of(), Set.of(), dir);

        assertThatThrownBy(() -> ServerProcess.run("Kafka storage format", failing, dir.resolve("k.log"),
                        Duration.ofSeconds(30)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Kafka storage format failed with exit code 3")
                .hasMessageContaining("disk full");
    }
}
