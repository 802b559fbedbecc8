package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stack after its JVM was killed. */
class StackRecoveryIT {

    @Test
    void shouldStopTheServersOfAKilledJvmAtTheNextStartInTheSameRunDir() throws Exception {
        try (Stack neighbour = Stack.builder().runDir(Path.of("target", "newsflow-stack-neighbour").toAbsolutePath())
                .servers(Server.KAFKA).build()) {
            neighbour.start();
            killedJvmLeavesNothingBehindAndSparesTheNeighbour(neighbour);
        }
    }

    private static void killedJvmLeavesNothingBehindAndSparesTheNeighbour(Stack neighbour) throws Exception {
        Path runDir = Path.of("target", "newsflow-stack-recovery").toAbsolutePath();
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StackRunner.class.getName(), runDir.toString(), "kafka")
                .redirectErrorStream(true)
                .redirectOutput(Files.createDirectories(runDir.getParent()).resolve("stack-recovery-runner.log").toFile())
                .start();
        Path endpoints = runDir.resolve(Stack.ENDPOINTS_FILE);
        await().atMost(Duration.ofMinutes(3)).until(() -> Files.exists(endpoints) || !jvm.isAlive());
        assertThat(jvm.isAlive()).as("the runner JVM started its stack").isTrue();
        long orphanPid = Long.parseLong(Files.readString(runDir.resolve("pids/kafka.pid")).strip());

        jvm.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

        assertThat(ProcessHandle.of(orphanPid)).get().satisfies(kafka -> assertThat(kafka.isAlive()).isTrue());
        try (Stack next = Stack.builder().runDir(runDir).servers(Server.KAFKA).build()) {
            next.start();

            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(next.pid(Server.KAFKA)).isPresent().isNotEqualTo(orphanPid);
            assertThat(Files.readString(runDir.resolve("pids/kafka.pid")).strip())
                    .isEqualTo(Long.toString(next.pid(Server.KAFKA).orElseThrow()));

            next.start(Server.REGISTRY); // a server the stack did not run yet joins it

            assertThat(next.isRunning(Server.REGISTRY)).isTrue();
            assertThat(StackEndpoints.readFrom(next.endpointsFile()).asMap())
                    .containsOnlyKeys(Server.KAFKA, Server.REGISTRY);
        }
        assertThat(neighbour.crashed()).isEmpty();
        assertThat(List.copyOf(neighbour.pids().values()))
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
    }
}
