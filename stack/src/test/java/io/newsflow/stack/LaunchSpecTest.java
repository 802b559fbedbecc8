package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchSpecTest {

    @TempDir
    Path dir;

    /** The session id of a process: field 6 of /proc/<pid>/stat (after the parenthesised command name). */
    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    @Test
    void shouldRunAServerInASessionOfItsOwnSoATerminalsCtrlCReachesOnlyItsOwner() throws Exception {
        LaunchSpec spec = new LaunchSpec(List.of("sleep", "30"), Map.of(), Set.of(), dir);

        Process process = spec.toProcessBuilder().start();
        try {
            assertThat(LaunchSpec.SETSID).as("setsid on this Linux machine").isPresent();
            // setsid(2) runs in the child after fork, so a read right after start can still see the JVM's session.
            await().atMost(Duration.ofSeconds(10)).until(() -> session(process.pid()) == process.pid());
            assertThat(session(process.pid())).as("the server leads its own session").isEqualTo(process.pid())
                    .isNotEqualTo(session(ProcessHandle.current().pid()));
            assertThat(process.info().command()).hasValueSatisfying(command -> assertThat(command).endsWith("sleep"));
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
