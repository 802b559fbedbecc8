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

class CheckConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private int checkConfig(Path file) {
        CommandLine commandLine = Newsflow.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute("check-config", file.toString());
    }

    @Test
    void shouldListEveryProblemOfEverySectionAndFeedSourceWithFileAndLine() throws IOException {
        Files.createDirectories(dir.resolve("feeds.d"));
        Files.writeString(dir.resolve("feeds.d/list.txt"), "https://ok.example/rss\nnot-a-url\n");
        Files.writeString(dir.resolve("feeds.d/bad.opml"), "<opml><body><outline");
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, """
                kafka:
                  bootstrapServers: "no port here"
                topics:
                  raw: "bad topic"
                ingest:
                  feedsDir: feeds.d
                  defaultPolInterval: 5m
                  feeds:
                    - url: https://a.example/rss
                      pollInterval: often
                """);

        int exit = checkConfig(config);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(
                "newsflow.yml: 6 problems",
                "newsflow.yml:2: kafka.bootstrapServers: 'no port here' is not a list of host:port",
                "newsflow.yml:4: topics.raw: 'bad topic' is not a legal Kafka topic name",
                "newsflow.yml:10: ingest.feeds[0].pollInterval: 'often' is not a duration",
                "newsflow.yml:7: ingest.defaultPolInterval: unknown setting; did you mean 'defaultPollInterval'?",
                "feeds.d/bad.opml:1: not well-formed XML",
                "feeds.d/list.txt:2: 'not-a-url' is not an absolute URL");
    }

    @Test
    void shouldSayValidAndCountTheFeedsWhenNothingIsWrong() throws IOException {
        Files.writeString(dir.resolve("subs.opml"), "<opml><body><outline text=\"A\" xmlUrl=\"https://a.example/rss\"/>"
                + "<outline text=\"B\" xmlUrl=\"https://b.example/rss\"/></body></opml>");
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, "ingest:\n  opml: [subs.opml]\n  feeds:\n    - https://a.example/rss\n");

        int exit = checkConfig(config);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("newsflow.yml: valid; 2 feeds")
                .contains("warning: subs.opml:1: https://a.example/rss is already declared at newsflow.yml:4");
    }

    @Test
    void shouldNameEveryMistakeOfAUserRuleFileWithItsFileAndLine() throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                rules:
                  - id: promo
                    version: 0
                    kind: pattern
                    description: Our promo line.
                    patterns: ['(unclosed']
                    colour: red
                """);
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, "enrich:\n  rules: [" + rules + "]\n");

        int exit = checkConfig(config);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(
                "newsflow.yml: 3 problems",
                rules + ":3: rules[0] (promo): version must be a whole number >= 1",
                rules + ":6: rules[0] (promo): pattern '(unclosed' does not compile",
                rules + ":7: rules[0].colour: unknown key 'colour'");
    }
}
