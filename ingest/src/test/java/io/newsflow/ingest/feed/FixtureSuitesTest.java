package io.newsflow.ingest.feed;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The gofeed and ROME fixture suites: every well-formed file parses, with the expected fields where stated. */
class FixtureSuitesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeedParser parser = new FeedParser();
    private final Path feeds = SharedFolder.fixtures("feeds");

    /** gofeed fields we knowingly read differently, and why. */
    static final Map<String, String> GOFEED_DEVIATIONS = new TreeMap<>(Map.of());

    @Test
    void shouldParseEveryItemOfRomesOwnTestFeeds() throws IOException, FeedRejected {
        List<Path> files = files(feeds.resolve("rome"), ".xml");
        assertThat(files).hasSize(26);
        Pattern itemElement = Pattern.compile("<(?:atom:|rss:)?(item|entry)[\\s>]");
        int items = 0;
        for (Path file : files) {
            String raw = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            Matcher matcher = itemElement.matcher(raw);
            int expected = 0;
            while (matcher.find()) {
                expected++;
            }
            ParsedFeed feed = parse(file, null);
            assertThat(feed.items()).as(file + " items").hasSize(expected);
            if (file.endsWith("dublin-core-date.xml")) {
                // its only item carries nothing but a dc:date, which must be read
                assertThat(feed.items().get(0).publishedAt()).isEqualTo(Instant.parse("1970-01-01T00:00:01Z"));
            } else {
                assertThat(feed.items()).as(file.toString())
                        .allSatisfy(item -> assertThat(item.title() != null || item.link() != null).isTrue());
            }
            items += feed.items().size();
        }
        assertThat(items).isGreaterThan(50);
    }

    @Test
    void shouldMatchTheExpectedFieldsOfGofeedsParserFixtures() throws IOException, FeedRejected {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Path expectedFile : files(feeds.resolve("gofeed/testdata/parser"), ".json")) {
            Path xml = Path.of(expectedFile.toString().replaceAll("\\.json$", ".xml"));
            if (!Files.exists(xml)) {
                continue; // JSON Feed files are checked below
            }
            JsonNode expected = JSON.readTree(expectedFile.toFile());
            ParsedFeed feed = parse(xml, null);
            String name = feeds.relativize(xml).toString();
            checked += compare(name, "title", expected.path("title"), feed.title(), mismatches);
            checked += compare(name, "link", expected.path("link"), feed.link(), mismatches);
            JsonNode items = expected.has("items") ? expected.path("items") : expected.path("entries");
            checked++;
            if (items.size() != feed.items().size()) {
                mismatches.add(name + " items: expected " + items.size() + ", got " + feed.items().size());
                continue;
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode want = items.get(i);
                FeedItem got = feed.items().get(i);
                checked += compare(name, "items[" + i + "].title", want.path("title"), got.title(), mismatches);
                checked += compare(name, "items[" + i + "].link", want.path("link"), got.link(), mismatches);
                checked += compare(name, "items[" + i + "].description", want.path("description"), got.summary(),
                        mismatches);
                checked += compare(name, "items[" + i + "].summary", want.path("summary"), got.summary(), mismatches);
                JsonNode content = want.path("content");
                checked += compare(name, "items[" + i + "].content",
                        content.isObject() ? content.path("value") : content, got.contentHtml(), mismatches);
            }
        }
        assertThat(mismatches).as("gofeed mismatches").isEqualTo(List.copyOf(GOFEED_DEVIATIONS.keySet()));
        assertThat(checked).as("gofeed fields checked").isGreaterThanOrEqualTo(39);
    }

    @Test
    void shouldParseOrRejectGofeedsUniversalCasesAsGofeedDoes() throws IOException, FeedRejected {
        Path universal = feeds.resolve("gofeed/testdata/parser/universal");
        for (String name : List.of("rdf_feed.xml", "rss_feed_bom.xml", "rss_feed_leading_spaces.xml")) {
            assertThat(parse(universal.resolve(name), null).title()).as(name).isEqualTo("Feed Title");
        }
        assertThatThrownBy(() -> parse(universal.resolve("empty_feed.xml"), null))
                .isInstanceOfSatisfying(FeedRejected.class, e -> assertThat(e.reason()).isEqualTo(
                        FeedRejected.Reason.EMPTY));
        assertThatThrownBy(() -> parse(universal.resolve("unknown_feed.xml"), null))
                .isInstanceOfSatisfying(FeedRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(FeedRejected.Reason.NOT_A_FEED);
                    assertThat(e.getMessage()).contains("<note>");
                });
    }

    @Test
    void shouldReadJsonFeed10And11AsGofeedDoes() throws IOException, FeedRejected {
        Path json = feeds.resolve("gofeed/testdata/parser/json");
        for (String name : List.of("version_json_10", "version_json_11", "version_json_11_deprecated_author")) {
            JsonNode expected = JSON.readTree(json.resolve(name + "_expected.json").toFile());
            ParsedFeed feed = parse(json.resolve(name + ".json"), "application/feed+json");
            assertThat(feed.format()).isEqualTo(expected.path("version").asText().equals("1.1") ? "json_1.1"
                    : "json_1.0");
            assertThat(feed.title()).isEqualTo(expected.path("title").asText());
            assertThat(feed.link()).isEqualTo(expected.path("home_page_url").asText());
            assertThat(feed.items()).hasSize(expected.path("items").size());
            JsonNode want = expected.path("items").get(0);
            FeedItem got = feed.items().get(0);
            assertThat(got.guid()).isEqualTo(want.path("id").asText());
            assertThat(got.link()).isEqualTo(want.path("url").asText());
            assertThat(got.title()).isEqualTo(want.path("title").asText());
            assertThat(got.contentHtml()).isEqualTo(want.path("content_html").asText());
            assertThat(got.summary()).isEqualTo(want.path("summary").asText());
            assertThat(got.publishedAt()).isEqualTo(Instant.parse(want.path("date_published").asText()));
            assertThat(got.categories()).containsExactly("tag1", "tag2");
            String author = want.has("authors") ? want.path("authors").get(0).path("name").asText()
                    : want.path("author").path("name").asText();
            assertThat(got.author()).isEqualTo(author);
        }
        for (String name : List.of("json10_full.json", "json11_full.json")) {
            Path file = feeds.resolve("gofeed/testdata/translator/json").resolve(name);
            assertThat(parse(file, null).items()).as(name).hasSize(JSON.readTree(file.toFile()).path("items").size());
        }
        assertThatThrownBy(() -> parse(json.resolve("invalid/invalid.json"), "application/json"))
                .isInstanceOfSatisfying(FeedRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(FeedRejected.Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("line");
                });
    }

    private ParsedFeed parse(Path file, String contentType) throws IOException, FeedRejected {
        return parser.parse(Files.readAllBytes(file), contentType, URI.create("http://127.0.0.1:8097/"
                + feeds.relativize(file)));
    }

    /** Compares when the expectation states the field; returns how many fields were checked (0 or 1). */
    private static int compare(String file, String field, JsonNode expected, String actual, List<String> mismatches) {
        if (expected.isMissingNode() || expected.isNull()) {
            return 0;
        }
        if (!Objects.equals(expected.asText(), actual)) {
            mismatches.add(file + " " + field + ": expected [" + expected.asText() + "], got [" + actual + "]");
        }
        return 1;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
