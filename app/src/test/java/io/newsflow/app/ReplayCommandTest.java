package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplayCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int replay(String... args) {
        CommandLine commandLine = Newsflow.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    @Test
    void shouldRefuseAMalformedSinceNamingTheFormatItWants() {
        int code = replay("--since", "01/03/2025", "--dry-run");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--since", "'01/03/2025'", "ISO-8601", "2025-03-01T10:00:00Z");
        assertThat(out.toString()).as("nothing was started").doesNotContain("enricher");
    }

    @Test
    void shouldRefuseAnUntilBeforeTheSince() {
        int code = replay("--since", "2025-03-02", "--until", "2025-03-01T00:00:00Z");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--since (2025-03-02T00:00:00Z) must be before --until");
    }

    @Test
    void shouldRefuseDropOldWithAReplaysOptions() {
        int code = replay("--drop-old", "--site", "news.example.id");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--drop-old: takes no other option");
        assertThat(out.toString()).as("nothing was started").doesNotContain("enricher");
    }
}
