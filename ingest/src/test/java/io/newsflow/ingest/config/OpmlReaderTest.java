package io.newsflow.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpmlReaderTest {

    private static SourceFile read(String xml) {
        return OpmlReader.read("feeds.d/reader.opml", xml.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void shouldReadNestedOutlinesWithFoldersAndCategoriesAsTags() {
        SourceFile file = read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0">
                  <head><title>Subscriptions</title></head>
                  <body>
                    <outline text="Tech">
                      <outline text="AI">
                        <outline type="rss" text="Text name" title="The Lab" xmlUrl="https://lab.example/feed"
                                 category="/Research/ML,/News" language="en-US"/>
                      </outline>
                    </outline>
                    <outline type="rss" text="Plain" xmlUrl="https://plain.example/rss"/>
                  </body>
                </opml>
                """);

        assertThat(file.problems()).isEmpty();
        assertThat(file.feeds()).containsExactly(
                new FeedSpec("https://lab.example/feed", "The Lab", null, "en",
                        List.of("Tech", "AI", "Research", "ML", "News"), null, false, "feeds.d/reader.opml:8"),
                new FeedSpec("https://plain.example/rss", "Plain", null, null, List.of(), null, false,
                        "feeds.d/reader.opml:11"));
    }

    @Test
    void shouldReportABadXmlUrlWithItsLineAndKeepTheOtherOutlines() {
        SourceFile file = read("""
                <opml version="1.0"><body>
                <outline text="a" xmlUrl="javascript:alert(1)"/>
                <outline text="b" xmlUrl="https://b.example/rss"/>
                </body></opml>
                """);

        assertThat(file.feeds()).extracting(FeedSpec::url).containsExactly("https://b.example/rss");
        assertThat(file.problems()).extracting(ConfigProblem::location, ConfigProblem::setting)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("feeds.d/reader.opml:2", "xmlUrl"));
    }

    @Test
    void shouldRefuseMalformedXmlWithTheLine() {
        SourceFile file = read("<opml><body>\n<outline text=\"a\" xmlUrl=\"https://a.example/\">\n</body></opml>\n");

        assertThat(file.unreadable()).isTrue();
        assertThat(file.feeds()).isEmpty();
        assertThat(file.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location()).isEqualTo("feeds.d/reader.opml:3");
            assertThat(problem.message()).startsWith("not well-formed XML");
        });
    }

    @Test
    void shouldRefuseADoctypeSoNoEntityIsExpanded() {
        SourceFile file = read("""
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <opml><body><outline text="&xxe;" xmlUrl="https://a.example/"/></body></opml>
                """);

        assertThat(file.unreadable()).isTrue();
        assertThat(file.feeds()).isEmpty();
        assertThat(file.problems()).singleElement().asString().contains("DOCTYPE");
    }

    @Test
    void shouldRefuseAFileThatIsNotOpml() {
        SourceFile file = read("<rss version=\"2.0\"><channel/></rss>");

        assertThat(file.unreadable()).isTrue();
        assertThat(file.problems()).singleElement().asString().contains("not an OPML file");
    }
}
