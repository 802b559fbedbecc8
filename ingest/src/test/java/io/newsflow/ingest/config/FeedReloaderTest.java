package io.newsflow.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.common.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedReloaderTest {
    @TempDir
    Path dir;

    private final AtomicReference<List<FeedSpec>> applied = new AtomicReference<>(List.of());
    private FeedReloader reloader;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("feeds.d"));
        Files.writeString(dir.resolve("feeds.d/first.txt"), "https://first.example/rss\n");
        Path config = dir.resolve("newsflow.yml");
        // A long rescan: the changes below must be seen through the watch service.
        Files.writeString(config, "ingest:\n  feedsDir: feeds.d\n  reload:\n    debounce: 50ms\n    rescan: 10m\n");
        ConfigSource source = ConfigSource.load(config, Map.of());
        IngestSettings settings = IngestSettings.from(source.root(), dir);
        FeedCatalog catalog = new FeedCatalog(settings, config, Map.of());
        FeedSet first = catalog.load();
        applied.set(first.feeds());
        reloader = new FeedReloader(catalog, settings, first, set -> applied.set(set.feeds()));
    }

    @AfterEach
    void stop() {
        reloader.close();
    }

    private List<String> urls() {
        return applied.get().stream().map(FeedSpec::url).toList();
    }

    @Test
    void shouldPickUpAFileDroppedInWhileRunning() throws IOException {
        Files.writeString(dir.resolve("feeds.d/new.opml"),
                "<opml><body><outline text=\"N\" xmlUrl=\"https://new.example/rss\"/></body></opml>");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(urls()).containsExactly("https://first.example/rss", "https://new.example/rss"));
    }

    @Test
    void shouldApplyAnEditedFeedsSettings() throws IOException {
        Files.writeString(dir.resolve("feeds.d/first.yml"), "feeds:\n  - url: https://other.example/rss\n    pollInterval: 5m\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> urls().contains("https://other.example/rss"));

        Files.writeString(dir.resolve("feeds.d/first.yml"), "feeds:\n  - url: https://other.example/rss\n    pollInterval: 7m\n");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(applied.get())
                .filteredOn(feed -> feed.url().equals("https://other.example/rss"))
                .singleElement()
                .extracting(FeedSpec::pollInterval).isEqualTo(Duration.ofMinutes(7)));
    }

    @Test
    void shouldStopListingAFeedWhoseFileWasRemoved() throws IOException {
        Files.writeString(dir.resolve("feeds.d/second.txt"), "https://second.example/rss\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> urls().size() == 2);

        Files.delete(dir.resolve("feeds.d/first.txt"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(urls()).containsExactly("https://second.example/rss"));
    }
}
