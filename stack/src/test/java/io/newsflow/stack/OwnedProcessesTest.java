package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pid files and the owner marker. */
class OwnedProcessesTest {

    @TempDir
    Path runDir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldStopAServerADeadJvmLeftRunningFromTheSameRunDir() throws Exception {
        OwnedProcesses owned = new OwnedProcesses(runDir);
        Process leftover = start(owned.marker());
        owned.record("kafka", leftover.pid());

        List<String> stopped = new OwnedProcesses(runDir).stopLeftovers(Duration.ofSeconds(10));

        assertThat(stopped).containsExactly("kafka (pid " + leftover.pid() + ")");
        assertThat(leftover.isAlive()).isFalse();
        assertThat(runDir.resolve("pids/kafka.pid")).doesNotExist();
    }

    @Test
    void shouldLeaveAPidWhoseCommandLineLacksOurMarkerRunning() throws Exception {
        OwnedProcesses owned = new OwnedProcesses(runDir);
        Process stranger = start();
        owned.record("elasticsearch", stranger.pid());

        List<String> stopped = owned.stopLeftovers(Duration.ofSeconds(10));

        assertThat(stopped).isEmpty();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(runDir.resolve("pids/elasticsearch.pid")).doesNotExist();
    }

    @Test
    void shouldLeaveAServerOfAnotherRunDirRunning() throws Exception {
        OwnedProcesses other = new OwnedProcesses(Path.of(runDir + "-other"));
        OwnedProcesses owned = new OwnedProcesses(runDir);
        Process neighbour = start(other.marker());
        owned.record("registry", neighbour.pid());

        assertThat(owned.isOurs(neighbour.toHandle())).isFalse();
        assertThat(owned.stopLeftovers(Duration.ofSeconds(10))).isEmpty();
        assertThat(neighbour.isAlive()).isTrue();
    }

    @Test
    void shouldSimplyDeleteThePidFileOfAProcessThatIsGone() throws Exception {
        OwnedProcesses owned = new OwnedProcesses(runDir);
        Process gone = start(owned.marker());
        gone.destroyForcibly().waitFor();
        owned.record("kafka", gone.pid());
        Files.writeString(runDir.resolve("pids/garbled.pid"), "not a pid");

        assertThat(owned.stopLeftovers(Duration.ofSeconds(10))).isEmpty();
        assertThat(runDir.resolve("pids")).isEmptyDirectory();
    }

    @Test
    void shouldStopTheProcessesAStoppedProcessStarted() throws Exception {
        Process shell = new ProcessBuilder("bash", "-c", "sleep 600 & wait").start();
        started.add(shell);
        ProcessHandle child = awaitChild(shell);

        OwnedProcesses.stopTree(shell.toHandle(), Duration.ofSeconds(1));

        assertThat(shell.isAlive()).isFalse();
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void shouldStopAProcessWhenCalledFromAnInterruptedThread() throws Exception {
        Process server = start(new OwnedProcesses(runDir).marker());

        Thread.currentThread().interrupt();
        try {
            OwnedProcesses.stopTree(server.toHandle(), Duration.ofSeconds(10));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.isAlive()).isFalse();
    }

    private Process start(String... jvmArguments) throws Exception {
        Process process = DummyServer.start(jvmArguments);
        started.add(process);
        return process;
    }

    private static ProcessHandle awaitChild(Process parent) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> parent.children().findFirst(), java.util.Optional::isPresent).orElseThrow();
    }
}
