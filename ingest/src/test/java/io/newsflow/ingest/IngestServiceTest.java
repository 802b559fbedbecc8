package io.newsflow.ingest;

import static io.newsflow.ingest.testing.FakeFetching.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.ops.Health;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.testing.FakeFetching;
import io.newsflow.ingest.testing.MemoryLedgerStore;
import io.newsflow.ingest.testing.RecordingPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceTest {
    @TempDir
    Path dir;

    @Test
    void shouldPollEverySourcesFeedsReportHealthAndFlushOnClose() throws Exception {
        Files.createDirectories(dir.resolve("feeds.d"));
        Files.writeString(dir.resolve("feeds.d/more.txt"), "https://b.example/rss\n");
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, """
                ingest:
                  feedsDir: feeds.d
                  defaultPollInterval: 1h
                  jitter: 0
                  feeds: [https://a.example/rss]
                """);
        ConfigSource source = ConfigSource.load(config, Map.of());
        IngestSettings settings = IngestSettings.from(source.root(), dir);
        FakeFetching fetching = new FakeFetching()
                .feed("https://a.example/rss", item("a1", "https://a.example/1", "A1"))
                .feed("https://b.example/rss", item("b1", "https://b.example/1", "B1"))
                .page("https://a.example/1", "<p>A1</p>")
                .page("https://b.example/1", "<p>B1</p>");
        RecordingPublisher publisher = new RecordingPublisher();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        IngestService service = IngestService.start(settings, config, Map.of(), new IngestService.Parts(fetching,
                publisher, new MemoryLedgerStore(), meters, Clock.systemUTC()));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.published().size() == 2);
            assertThat(publisher.published()).extracting(article -> article.getItem().getTitle())
                    .containsExactlyInAnyOrder("A1", "B1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(service.health().detail()).startsWith("2 feeds, 0 failing; last cycle ended"));
            assertThat(service.health().status()).isEqualTo(Health.Status.UP);
            assertThat(meters.get("newsflow.ingest.feeds.configured").gauge().value()).isEqualTo(2);
        } finally {
            service.close();
        }
        assertThat(service.health().status()).isEqualTo(Health.Status.DOWN);
        assertThat(publisher.published()).extracting(RawArticle::getFeedUrl)
                .containsExactlyInAnyOrder("https://a.example/rss", "https://b.example/rss");
    }

    @Test
    void shouldReportDegradedWhenEveryFeedFailsAndUpWhenOneStillWorks() throws Exception {
        // FakeFetching answers 404 for every feed it was not given.
        try (IngestService service = start(new FakeFetching(), "https://down.example/rss", "https://gone.example/rss")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(service.health().detail()).startsWith("2 feeds, 2 failing; last cycle ended"));
            assertThat(service.health().status()).isEqualTo(Health.Status.DEGRADED);
        }
        FakeFetching oneWorks = new FakeFetching().feed("https://a.example/rss", item("a1", "https://a.example/1", "A1"))
                .page("https://a.example/1", "<p>A1</p>");
        try (IngestService service = start(oneWorks, "https://down.example/rss", "https://a.example/rss")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(service.health().detail()).startsWith("2 feeds, 1 failing; last cycle ended"));
            assertThat(service.health().status()).isEqualTo(Health.Status.UP);
        }
    }

    private IngestService start(FakeFetching fetching, String... feeds) throws Exception {
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, "ingest:\n  defaultPollInterval: 1h\n  jitter: 0\n  feeds: ["
                + String.join(", ", feeds) + "]\n");
        IngestSettings settings = IngestSettings.from(ConfigSource.load(config, Map.of()).root(), dir);
        return IngestService.start(settings, config, Map.of(), new IngestService.Parts(fetching,
                new RecordingPublisher(), new MemoryLedgerStore(), new SimpleMeterRegistry(), Clock.systemUTC()));
    }
}
