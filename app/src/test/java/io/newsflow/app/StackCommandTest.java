package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StackCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Newsflow.commandLine();
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldListUpAsTheStackSubcommand() {
        assertThat(run("stack", "--help")).isZero();
        assertThat(out.toString()).contains("up").contains("Kafka");
    }

    @Test
    void shouldAskForASubcommandWhenGivenNone() {
        assertThat(run("stack")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand: try `stack up`");
    }

    @Test
    void shouldRefuseToStartAStackWithoutAnyServer() {
        assertThat(run("stack", "up", "--without", "kafka,registry,elasticsearch")).isEqualTo(2);
        assertThat(err.toString()).contains("--without leaves no server to start");
    }

    @Test
    void shouldRejectAnUnknownServerName() {
        assertThat(run("stack", "up", "--without", "zookeeper")).isEqualTo(2);
        assertThat(err.toString()).contains("zookeeper");
    }
}
