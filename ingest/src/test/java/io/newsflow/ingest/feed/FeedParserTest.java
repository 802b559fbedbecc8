package io.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.ingest.http.FetchResult;
import io.newsflow.ingest.http.ResponseHeaders;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();
    private static final URI FEED_URL = URI.create("https://news.example.org/feeds/main.xml");

    private static String rss(String channelBody) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\""
                + " xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\"><channel><title>Example</title>"
                + "<link>https://news.example.org/</link>" + channelBody + "</channel></rss>";
    }

    private ParsedFeed parse(String xml) throws FeedRejected {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml", FEED_URL);
    }

    @Test
    void shouldReadItemsWithTheirFields() throws FeedRejected {
        ParsedFeed feed = parse(rss("""
                <item><title>First</title><link>/news/1</link><guid>urn:news:1</guid>
                <author>desk@example.org (News Desk)</author><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>
                <description>&lt;p&gt;Lead&lt;/p&gt;</description>
                <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>Full <a href="story">text</a></p>]]></content:encoded>
                <category>World</category><category>Politics</category><category>World</category></item>
                """));
        assertThat(feed.format()).isEqualTo("rss_2.0");
        assertThat(feed.title()).isEqualTo("Example");
        assertThat(feed.recovered()).isFalse();
        FeedItem item = feed.items().get(0);
        assertThat(item.guid()).isEqualTo("urn:news:1");
        assertThat(item.link()).isEqualTo("https://news.example.org/news/1");
        assertThat(item.author()).isEqualTo("desk@example.org (News Desk)");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2025-06-10T04:00:00Z"));
        assertThat(item.summary()).isEqualTo("<p>Lead</p>");
        assertThat(item.contentHtml()).isEqualTo("<p>Full <a href=\"https://news.example.org/feeds/story\">text</a></p>");
        assertThat(item.categories()).containsExactly("World", "Politics");
    }

    @Test
    void shouldHonourTtlAndSyndicationPeriodTakingLonger() throws FeedRejected {
        assertThat(parse(rss("<ttl>90</ttl>")).ttl()).contains(Duration.ofMinutes(90));
        assertThat(parse(rss("<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>"))
                .ttl()).contains(Duration.ofMinutes(15));
        assertThat(parse(rss("<ttl>30</ttl><sy:updatePeriod>daily</sy:updatePeriod>")).ttl())
                .contains(Duration.ofDays(1));
        assertThat(parse(rss("")).ttl()).isEmpty();
    }

    @Test
    void shouldResolveRelativeLinksAgainstXmlBaseAndFeedUrl() throws FeedRejected {
        String atom = """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.net/archive/">
                  <title>Blog</title><link href="../"/>
                  <entry xml:base="2025/"><id>tag:x,1</id><title>Post</title><link href="post.html"/>
                    <content type="html">&lt;img src="pic.png"&gt;</content></entry>
                  <entry xml:base="javascript:alert(1)//"><id>tag:x,2</id><title>Unsafe base</title>
                    <link href="other.html"/></entry>
                </feed>
                """;
        ParsedFeed feed = parser.parse(atom.getBytes(StandardCharsets.UTF_8), null, FEED_URL);
        assertThat(feed.link()).isEqualTo("https://blog.example.net/");
        assertThat(feed.items().get(0).link()).isEqualTo("https://blog.example.net/archive/2025/post.html");
        assertThat(feed.items().get(0).contentHtml()).isEqualTo(
                "<img src=\"https://blog.example.net/archive/2025/pic.png\">");
        assertThat(feed.items().get(1).link()).isEqualTo("https://blog.example.net/archive/other.html");
    }

    @Test
    void shouldUseContentLocationAsBaseOfFetchedFeed() throws FeedRejected {
        byte[] body = rss("<item><title>a</title><link>a.html</link></item>").getBytes(StandardCharsets.UTF_8);
        FetchResult.Fetched fetched = new FetchResult.Fetched(FEED_URL, FEED_URL, List.of(), 200,
                ResponseHeaders.of(List.of(Map.entry("Content-Location", "/mirror/feed.xml"),
                        Map.entry("Content-Type", "application/rss+xml"))), body, body.length, Duration.ZERO);
        assertThat(parser.parse(fetched).items().get(0).link()).isEqualTo("https://news.example.org/mirror/a.html");
    }

    @Test
    void shouldKeepGuidThatIsNotPermalinkOutOfLink() throws FeedRejected {
        FeedItem item = parse(rss("<item><title>t</title><guid isPermaLink=\"false\">abc-123</guid></item>"))
                .items().get(0);
        assertThat(item.guid()).isEqualTo("abc-123");
        assertThat(item.link()).isNull();
    }

    @Test
    void shouldCapItemsAndCutLongFieldsSayingSo() throws FeedRejected {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            items.append("<item><title>").append("t".repeat(2000)).append("</title><link>https://x.org/").append(i)
                    .append("</link></item>");
        }
        ParsedFeed feed = new FeedParser(FeedLimits.DEFAULTS.withMaxItems(10)).parse(
                rss(items.toString()).getBytes(StandardCharsets.UTF_8), null, FEED_URL);
        assertThat(feed.items()).hasSize(10);
        assertThat(feed.items().get(0).title()).hasSize(1000);
        assertThat(feed.items().get(9).link()).isEqualTo("https://x.org/9");
        assertThat(feed.warnings()).contains("kept the first 10 of 30 items", "title cut to 1000 characters (10x)");
    }

    @Test
    void shouldRefuseDocumentsLargerThanLimit() {
        byte[] big = rss("<description>" + "x".repeat(5000) + "</description>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new FeedParser(FeedLimits.DEFAULTS.withMaxFeedBytes(4096)).parse(big, null, FEED_URL))
                .isInstanceOfSatisfying(FeedRejected.class, e -> assertThat(e.reason())
                        .isEqualTo(FeedRejected.Reason.TOO_LARGE));
    }

    @Test
    void shouldRepairBareAmpersandsHtmlEntitiesAndUndeclaredPrefixesSayingSo() throws FeedRejected {
        ParsedFeed feed = parse(rss("<item><title>Fish & Chips&nbsp;&mdash; &copy=2</title>"
                + "<dc:creator>Ann</dc:creator><link>https://x.org/a?b=1&c=2</link></item>"));
        FeedItem item = feed.items().get(0);
        assertThat(item.title()).isEqualTo("Fish & Chips\u00a0\u2014 &copy=2");
        assertThat(item.link()).isEqualTo("https://x.org/a?b=1&c=2");
        assertThat(item.author()).isEqualTo("Ann");
        assertThat(feed.warnings()).singleElement().asString().startsWith("repaired malformed XML");
    }

    @Test
    void shouldRefuseWhatIsNotAFeedOrNotWellFormed() {
        assertThatThrownBy(() -> parse("<html><body>hello</body></html>"))
                .isInstanceOfSatisfying(FeedRejected.class, e -> assertThat(e.reason())
                        .isEqualTo(FeedRejected.Reason.NOT_A_FEED));
        assertThatThrownBy(() -> parse("<rss><channel><title>broken</channel>"))
                .isInstanceOfSatisfying(FeedRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(FeedRejected.Reason.MALFORMED);
                    assertThat(e.getMessage()).contains(FEED_URL.toString()).contains("line 1");
                });
        assertThatThrownBy(() -> parser.parse(new byte[0], null, FEED_URL))
                .isInstanceOfSatisfying(FeedRejected.class, e -> assertThat(e.reason())
                        .isEqualTo(FeedRejected.Reason.EMPTY));
    }

    @Test
    void shouldApplyRfc3023CharsetRules() throws FeedRejected {
        String declaredLatin1 = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel>"
                + "<title>caf\u00e9</title></channel></rss>";
        byte[] latin1 = declaredLatin1.getBytes(StandardCharsets.ISO_8859_1);
        // application/xml without charset: the declaration decides
        ParsedFeed byDeclaration = parser.parse(latin1, "application/xml", FEED_URL);
        assertThat(byDeclaration.title()).isEqualTo("caf\u00e9");
        assertThat(byDeclaration.encoding()).isEqualTo("ISO-8859-1");
        // text/xml without charset means us-ascii; the bytes are not, so we fall back and say so
        ParsedFeed textXml = parser.parse(latin1, "text/xml", FEED_URL);
        assertThat(textXml.title()).isEqualTo("caf\u00e9");
        assertThat(textXml.warnings()).anyMatch(w -> w.contains("declared as us-ascii"));
        // the header's charset wins over the declaration
        byte[] utf8 = declaredLatin1.getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(utf8, "application/rss+xml; charset=\"UTF-8\"", FEED_URL).title())
                .isEqualTo("caf\u00e9");
        // gb2312 is read as its superset gb18030
        byte[] gb = "<rss version=\"2.0\"><channel><title>\u4e2d\u6587</title></channel></rss>"
                .getBytes(Charset.forName("GB18030"));
        ParsedFeed chinese = parser.parse(gb, "application/rss+xml;charset='gb2312'", FEED_URL);
        assertThat(chinese.title()).isEqualTo("\u4e2d\u6587");
        assertThat(chinese.encoding()).isEqualTo("GB18030");
    }

    @Test
    void shouldDecodeUtf16WithAndWithoutBom() throws FeedRejected {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><title>\u00fcber</title>"
                + "</channel></rss>";
        byte[] withBom = xml.getBytes(StandardCharsets.UTF_16); // big-endian with BOM
        assertThat(parser.parse(withBom, null, FEED_URL).encoding()).isEqualTo("UTF-16BE");
        byte[] littleEndian = xml.getBytes(StandardCharsets.UTF_16LE);
        ParsedFeed feed = parser.parse(littleEndian, null, FEED_URL);
        assertThat(feed.title()).isEqualTo("\u00fcber");
        assertThat(feed.encoding()).isEqualTo("UTF-16LE");
    }

    @Test
    void shouldReadJsonFeedsEscapingPlainTextContent() throws FeedRejected {
        String json = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "J", "home_page_url": "https://j.example/",
                 "items": [{"id": 7, "url": "/p/7", "content_text": "a < b", "date_published": "2025-01-02T03:04:05+01:00",
                            "authors": [{"name": "Ann"}, {"name": "Bo"}]}]}
                """;
        ParsedFeed feed = parser.parse(json.getBytes(StandardCharsets.UTF_8), null,
                URI.create("https://j.example/feed.json"));
        assertThat(feed.format()).isEqualTo("json_1.1");
        FeedItem item = feed.items().get(0);
        assertThat(item.guid()).isEqualTo("7");
        assertThat(item.link()).isEqualTo("https://j.example/p/7");
        assertThat(item.contentHtml()).isEqualTo("a &lt; b");
        assertThat(item.author()).isEqualTo("Ann, Bo");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2025-01-02T02:04:05Z"));
        assertThat(item.updatedAt()).as("no date_modified").isNull();
    }

    @Test
    void shouldKeepUpdatedDateBesidePublishedOne() throws FeedRejected {
        String atom = """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2025-03-02T10:00:00Z</updated>
                <entry><title>Edited</title><id>urn:a:1</id><link href="https://a.example/1"/>
                <published>2025-03-01T08:00:00Z</published><updated>2025-03-02T10:00:00Z</updated></entry>
                <entry><title>Updated only</title><id>urn:a:2</id><link href="https://a.example/2"/>
                <updated>2025-03-02T11:00:00Z</updated></entry></feed>
                """;
        ParsedFeed feed = parser.parse(atom.getBytes(StandardCharsets.UTF_8), null, FEED_URL);
        assertThat(feed.items()).extracting(FeedItem::publishedAt, FeedItem::updatedAt).containsExactly(
                tuple(Instant.parse("2025-03-01T08:00:00Z"), Instant.parse("2025-03-02T10:00:00Z")),
                tuple(Instant.parse("2025-03-02T11:00:00Z"), Instant.parse("2025-03-02T11:00:00Z")));

        String json = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "https://j.example/1",
                 "content_text": "x", "date_published": "2025-01-02T03:04:05Z", "date_modified": "2025-01-03T00:00:00Z"}]}
                """;
        FeedItem item = parser.parse(json.getBytes(StandardCharsets.UTF_8), null, URI.create("https://j.example/f.json"))
                .items().get(0);
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(item.updatedAt()).isEqualTo(Instant.parse("2025-01-03T00:00:00Z"));
    }

    @Test
    void shouldRefuseDeeplyNestedJson() {
        String deep = "{\"version\":\"1.1\",\"items\":[" + "[".repeat(1000) + "]".repeat(1000) + "]}";
        assertThatThrownBy(() -> parser.parse(deep.getBytes(StandardCharsets.UTF_8), "application/feed+json", FEED_URL))
                .isInstanceOfSatisfying(FeedRejected.class, e -> assertThat(e.reason())
                        .isEqualTo(FeedRejected.Reason.MALFORMED));
    }

    @Test
    void shouldMapC1ControlCharactersToWindows1252() throws FeedRejected {
        assertThat(parse(rss("<item><title>don&#146;t</title></item>")).items().get(0).title()).isEqualTo("don\u2019t");
    }
}
