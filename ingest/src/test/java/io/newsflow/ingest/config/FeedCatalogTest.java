package io.newsflow.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigProblem;
import io.newsflow.common.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCatalogTest {
    @TempDir
    Path dir;

    private FeedCatalog catalog(String ingestYaml) throws IOException {
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, ingestYaml);
        ConfigSource source = ConfigSource.load(config, Map.of());
        IngestSettings settings = IngestSettings.from(source.root(), dir);
        assertThat(source.problems()).isEmpty();
        return new FeedCatalog(settings, config, Map.of());
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void shouldMergeEverySourceByUrlAndWarnAboutDuplicates() throws IOException {
        write("subs.opml", "<opml><body><outline text=\"A\" xmlUrl=\"https://a.example/rss\"/>"
                + "<outline text=\"B\" xmlUrl=\"HTTPS://B.example:443/rss\"/></body></opml>");
        write("feeds.d/10-list.txt", "https://c.example/feed\nhttps://a.example/rss\n");
        write("feeds.d/20-more.yml", "feeds:\n  - url: https://d.example/feed\n    tags: [x]\n");
        FeedCatalog catalog = catalog("""
                ingest:
                  feedsDir: feeds.d
                  opml: [subs.opml]
                  feeds:
                    - https://b.example/rss
                """);

        FeedSet set = catalog.load();

        assertThat(set.feeds()).extracting(FeedSpec::url).containsExactly(
                "https://b.example/rss", "https://a.example/rss", "https://c.example/feed", "https://d.example/feed");
        assertThat(set.problems()).isEmpty();
        assertThat(set.warnings()).extracting(ConfigProblem::location)
                .containsExactly("subs.opml:1", "feeds.d/10-list.txt:2");
        assertThat(set.warnings().get(0).message()).contains("already declared at newsflow.yml:5");
    }

    @Test
    void shouldIsolateABadFileSoTheOtherFilesKeepTheirFeeds() throws IOException {
        write("feeds.d/good.txt", "https://good.example/rss\n");
        write("feeds.d/broken.opml", "<opml><body><outline xmlUrl=");
        write("feeds.d/bad.yml", "feeds:\n  - url: https://ok.example/rss\n  - url: nope\n    colour: red\n");
        write("feeds.d/notes.md", "not a feed file");
        FeedCatalog catalog = catalog("ingest:\n  feedsDir: feeds.d\n");

        FeedSet set = catalog.load();

        assertThat(set.feeds()).extracting(FeedSpec::url)
                .containsExactlyInAnyOrder("https://good.example/rss", "https://ok.example/rss");
        assertThat(set.problems()).extracting(ConfigProblem::toString).containsExactly(
                "feeds.d/bad.yml:3: feeds[1].url: 'nope' is not an absolute URL; write it with http:// or https://",
                "feeds.d/bad.yml:4: feeds[1].colour: unknown setting",
                "feeds.d/broken.opml:1: not well-formed XML: " + set.problems().get(2).message().substring(21));
        assertThat(set.warnings()).extracting(ConfigProblem::location).containsExactly("feeds.d/notes.md");
    }

    @Test
    void shouldKeepTheLastGoodFeedsOfAFileThatBecameUnreadable() throws IOException {
        write("feeds.d/subs.opml", "<opml><body><outline text=\"A\" xmlUrl=\"https://a.example/rss\"/></body></opml>");
        FeedCatalog catalog = catalog("ingest:\n  feedsDir: feeds.d\n");
        assertThat(catalog.load().feeds()).extracting(FeedSpec::url).containsExactly("https://a.example/rss");

        write("feeds.d/subs.opml", "<opml><body><outline text=\"A\" xmlU");
        FeedSet halfSaved = catalog.load();

        assertThat(halfSaved.feeds()).extracting(FeedSpec::url).containsExactly("https://a.example/rss");
        assertThat(halfSaved.problems()).singleElement().asString().contains("not well-formed XML");
        assertThat(halfSaved.warnings()).singleElement().asString().contains("keeping the 1 feeds of its last good read");
    }

    @Test
    void shouldDropTheFeedsOfARemovedFile() throws IOException {
        write("feeds.d/a.txt", "https://a.example/rss\n");
        write("feeds.d/b.txt", "https://b.example/rss\n");
        FeedCatalog catalog = catalog("ingest:\n  feedsDir: feeds.d\n");
        assertThat(catalog.load().feeds()).hasSize(2);

        Files.delete(dir.resolve("feeds.d/a.txt"));

        assertThat(catalog.load().feeds()).extracting(FeedSpec::url).containsExactly("https://b.example/rss");
    }

    @Test
    void shouldReportAMissingOpmlFileAndAMissingDropFolderDifferently() throws IOException {
        FeedCatalog catalog = catalog("ingest:\n  feedsDir: feeds.d\n  opml: [gone.opml]\n");

        FeedSet set = catalog.load();

        assertThat(set.problems()).singleElement().asString().isEqualTo("gone.opml: the file does not exist or cannot be read");
        assertThat(set.warnings()).singleElement().asString().contains("the drop folder does not exist (yet)");
    }

    @Test
    void shouldReReadTheFeedListOfTheConfigFileWhenItChanges() throws IOException {
        FeedCatalog catalog = catalog("ingest:\n  feeds:\n    - https://a.example/rss\n");
        assertThat(catalog.load().feeds()).extracting(FeedSpec::url).containsExactly("https://a.example/rss");

        write("newsflow.yml", "ingest:\n  feeds:\n    - https://a.example/rss\n    - url: https://b.example/rss\n      pollInterval: 1m\n");

        FeedSet set = catalog.load();
        assertThat(set.feeds()).extracting(FeedSpec::url).containsExactly("https://a.example/rss", "https://b.example/rss");
        assertThat(set.feeds().get(1).pollInterval()).hasMinutes(1);
    }
}
