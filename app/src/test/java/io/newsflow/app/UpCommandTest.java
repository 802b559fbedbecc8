package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code newsflow up} refuses before it starts anything; the whole run is {@code UpCommandIT}. */
class UpCommandTest {

    @TempDir
    Path dir;

    private final StringWriter output = new StringWriter();

    private int up(String... args) {
        CommandLine commandLine = new CommandLine(new UpCommand().withoutSignalHandlers())
                .setOut(new PrintWriter(output, true)).setErr(new PrintWriter(output, true));
        return commandLine.execute(args);
    }

    private Path demoConfig() throws Exception {
        Path config = dir.resolve("demo.yml");
        Files.copy(Path.of("..", "config", "demo.yml"), config);
        return config;
    }

    @Test
    void shouldNameATakenPortAndStartNothing() throws Exception {
        Path config = demoConfig();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = up("--config", config.toString(), "--run-dir", dir.resolve("run").toString(),
                    "--kafka-port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(1);
            assertThat(output.toString()).contains("port " + taken.getLocalPort() + " (Kafka) is taken")
                    .contains("--random-ports");
        }
        assertThat(dir.resolve("run").resolve("stack")).doesNotExist();
    }

    @Test
    void shouldRefuseAnInvalidConfigListingEveryProblem() throws Exception {
        Path config = dir.resolve("demo.yml");
        Files.writeString(config, """
                kafka:
                  bootstrapServers: not a host list
                ingest:
                  feeds:
                    - url: demo://feeds/world.xml
                      pollInterval: often
                """);

        int exit = up("--config", config.toString(), "--run-dir", dir.resolve("run").toString(), "--random-ports");

        assertThat(exit).isEqualTo(2);
        assertThat(output.toString()).contains("has 2 problems")
                .contains("demo.yml:2: kafka.bootstrapServers")
                .contains("demo.yml:6: ingest.feeds[0].pollInterval");
        assertThat(dir.resolve("run").resolve("stack")).doesNotExist();
    }

    @Test
    void shouldRefuseDemoFeedsWhenTheDemoIsOff() throws Exception {
        int exit = up("--config", demoConfig().toString(), "--run-dir", dir.resolve("run").toString(), "--no-demo");

        assertThat(exit).isEqualTo(2);
        assertThat(output.toString()).contains("lists demo:// feeds, which only the demo serves");
    }

    @Test
    void shouldNameAMissingConfigFile() {
        int exit = up("--config", dir.resolve("nothing.yml").toString(), "--run-dir", dir.resolve("run").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(output.toString()).contains("no config file").contains("nothing.yml");
    }
}
