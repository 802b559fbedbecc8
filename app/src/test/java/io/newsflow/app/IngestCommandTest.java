package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseToStartOnAnInvalidConfigListingEveryProblem() throws IOException {
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, """
                kafka:
                  bootstrapServers: nowhere
                ingest:
                  jitter: 3
                  feeds:
                    - url: ftp://example.org/feed
                """);
        StringWriter err = new StringWriter();
        CommandLine commandLine = Newsflow.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("ingest", "--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(
                "ingest: not starting, 3 configuration problems:",
                "newsflow.yml:2: kafka.bootstrapServers: 'nowhere' is not a list of host:port",
                "newsflow.yml:4: ingest.jitter: 3 is out of range",
                "newsflow.yml:6: ingest.feeds[0].url: 'ftp://example.org/feed': only http and https feeds are supported");
    }
}
