package io.newsflow.schemas.testdata;

import io.newsflow.avro.Block;
import io.newsflow.avro.BlockKind;
import io.newsflow.avro.BodySource;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.FeedItem;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.Section;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.avro.Speaker;
import io.newsflow.avro.SpeechAct;
import io.newsflow.avro.Stage;
import io.newsflow.avro.Statement;
import io.newsflow.schemas.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Valid, fully populated records of every contract type, as Avro builders: change what a test is about, build.
 * Shipped in this module's test-jar for the other modules. Timestamps are whole milliseconds, as Avro keeps them.
 */
public final class TestRecords {
    public static final String ARTICLE_ID = "3f1d2c0b9a8e7d6c5b4a392817161514";
    public static final String URL = "https://news.example.org/2025/01/31/port-strike?utm_source=rss";
    public static final String CANONICAL_URL = "https://news.example.org/2025/01/31/port-strike";
    public static final String FEED_URL = "https://news.example.org/rss.xml";
    public static final Instant PUBLISHED_AT = Instant.parse("2025-01-31T08:00:00Z");
    public static final Instant FETCHED_AT = Instant.parse("2025-01-31T10:15:30.123Z");
    public static final Instant PROCESSED_AT = Instant.parse("2025-01-31T10:15:31.456Z");

    private static final String LEAD = "Dock workers walked out on Friday, halting traffic at the port.";
    private static final String QUOTE = "\"We will not sign this deal,\" union leader Ana Ruiz said, according to AFP.";
    private static final String HTML = "<html><head><title>Port strike</title></head><body><p>" + LEAD
            + "</p><h2>Talks</h2><p>" + QUOTE + "</p><p>sbobet gacor88 slot</p></body></html>";

    private TestRecords() {}

    public static RawArticle.Builder rawArticle() {
        return RawArticle.newBuilder()
                .setId(ARTICLE_ID)
                .setUrl(URL)
                .setCanonicalUrl(CANONICAL_URL)
                .setFeedUrl(FEED_URL)
                .setFeedName("Example News")
                .setItem(FeedItem.newBuilder()
                        .setTitle("Port strike halts traffic")
                        .setAuthor("Jo Reporter")
                        .setPublishedAt(PUBLISHED_AT)
                        .setSummary("Dock workers walked out.")
                        .setCategories(List.of("economy", "labour"))
                        .setGuid("urn:example:port-strike")
                        .build())
                .setLanguageHint("en")
                .setTags(List.of("ports"))
                .setFetchedAt(FETCHED_AT)
                .setHttpStatus(200)
                .setContentType("text/html")
                .setCharset("UTF-8")
                .setBodySource(BodySource.PAGE)
                .setBody(ByteBuffer.wrap(HTML.getBytes(StandardCharsets.UTF_8)))
                .setContentHash("9b2f6c1e0d4a4c3b8e7f6a5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a291");
    }

    /**
     * {@link #rawArticle()} as ingest publishes a page of this id: this body (with its content hash) and content type,
     * no charset or language hint, at {@code https://news.example.id/<id>} (canonical: {@code www.} before the host).
     */
    public static RawArticle.Builder rawArticle(String id, String contentType, byte[] body) {
        return rawArticle()
                .setId(id)
                .setUrl("https://news.example.id/" + id)
                .setCanonicalUrl("https://www.news.example.id/" + id)
                .setLanguageHint(null)
                .setContentType(contentType)
                .setCharset(null)
                .setBody(ByteBuffer.wrap(body))
                .setContentHash(Hashes.contentHash(body));
    }

    /** A clean article with a lead, one section, an attributed statement with speaker and quote, and removed spam. */
    public static CleanArticle.Builder cleanArticle() {
        return CleanArticle.newBuilder()
                .setId(ARTICLE_ID)
                .setUrl(URL)
                .setCanonicalUrl(CANONICAL_URL)
                .setFeedUrl(FEED_URL)
                .setFeedName("Example News")
                .setSite("news.example.org")
                .setTags(List.of("ports"))
                .setTitle("Port strike halts traffic")
                .setByline("Jo Reporter")
                .setPublishedAt(PUBLISHED_AT)
                .setFetchedAt(FETCHED_AT)
                .setProcessedAt(PROCESSED_AT)
                .setLanguage("en")
                .setCredit("AFP")
                .setLead(List.of(block(BlockKind.PARAGRAPH, LEAD)))
                .setSections(List.of(Section.newBuilder()
                        .setHeading("Talks")
                        .setBlocks(List.of(block(BlockKind.QUOTE, QUOTE)))
                        .build()))
                .setStatements(List.of(statement().build()))
                .setSpamRemoved(List.of(SpamRemoval.newBuilder()
                        .setText("sbobet gacor88 slot")
                        .setRule("gambling-keywords")
                        .setRuleVersion(2)
                        .build()))
                .setText(LEAD + "\n\nTalks\n\n" + QUOTE)
                .setWordCount(25)
                .setContentHash("9b2f6c1e0d4a4c3b8e7f6a5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a291")
                .setEnricherVersion("0.1.0");
    }

    /** The statement in the first block of the first section: a rejection, by a named speaker, relayed via AFP. */
    public static Statement.Builder statement() {
        return Statement.newBuilder()
                .setSection(0)
                .setBlock(0)
                .setText(QUOTE)
                .setSpeaker(Speaker.newBuilder().setName("Ana Ruiz").setRole("union leader").build())
                .setAct(SpeechAct.REJECT)
                .setQuotes(List.of("We will not sign this deal,"))
                .setVia("AFP")
                .setStart(0)
                .setEnd(QUOTE.length())
                .setConfidence(0.875f);
    }

    public static DeadLetter.Builder deadLetter() {
        return DeadLetter.newBuilder()
                .setStage(Stage.ENRICH)
                .setReason(FailureReason.EXTRACTION_FAILED)
                .setErrorClass("java.lang.IllegalStateException")
                .setMessage("no main text found")
                .setArticleId(ARTICLE_ID)
                .setSourceTopic("articles.raw")
                .setSourcePartition(3)
                .setSourceOffset(42L)
                .setFailedAt(PROCESSED_AT)
                .setOriginalKey(ByteBuffer.wrap(ARTICLE_ID.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2, 3}))
                .setOriginalHeaders(Map.of("traceparent", ByteBuffer.wrap("00-abc-01".getBytes(StandardCharsets.UTF_8))));
    }

    private static Block block(BlockKind kind, String text) {
        return Block.newBuilder().setKind(kind).setText(text).build();
    }
}
