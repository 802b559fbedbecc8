package io.newsflow.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigProblem;
import org.junit.jupiter.api.Test;

class UrlListReaderTest {

    @Test
    void shouldReadOneUrlALineSkippingCommentsAndBlankLines() {
        SourceFile file = UrlListReader.read("feeds.d/news.txt", """
                # my feeds
                https://example.org/rss

                https://example.com/feed#section   # trailing comment
                """, false);

        assertThat(file.problems()).isEmpty();
        assertThat(file.feeds()).extracting(FeedSpec::url, FeedSpec::origin).containsExactly(
                org.assertj.core.groups.Tuple.tuple("https://example.org/rss", "feeds.d/news.txt:2"),
                org.assertj.core.groups.Tuple.tuple("https://example.com/feed#section", "feeds.d/news.txt:4"));
    }

    @Test
    void shouldReportBadLinesWithTheirLineAndKeepTheOthers() {
        SourceFile file = UrlListReader.read("feeds.d/news.txt", """
                https://example.org/rss
                example.com/feed
                https://a.example/x https://b.example/y
                gopher://old.example/
                https://ok.example/feed
                """, false);

        assertThat(file.feeds()).extracting(FeedSpec::url)
                .containsExactly("https://example.org/rss", "https://ok.example/feed");
        assertThat(file.problems()).extracting(ConfigProblem::location)
                .containsExactly("feeds.d/news.txt:2", "feeds.d/news.txt:3", "feeds.d/news.txt:4");
        assertThat(file.unreadable()).isFalse();
    }
}
