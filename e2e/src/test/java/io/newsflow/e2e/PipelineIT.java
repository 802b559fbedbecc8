package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.avro.Stage;
import io.newsflow.e2e.support.Elasticsearch;
import io.newsflow.e2e.support.FeedSite;
import io.newsflow.e2e.support.FeedSite.Item;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.SeedFacts;
import io.newsflow.e2e.support.SeedFacts.StatementFact;
import io.newsflow.e2e.support.SeedPage;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.schemas.interop.ThirdPartyDecoder;
import io.newsflow.schemas.serde.AvroDeserializer;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole pipeline as a user runs it: feeds on a web site, {@code newsflow ingest}, {@code newsflow enrich} and
 * {@code newsflow sink} each in its own JVM, the real Kafka, registry and Elasticsearch. The pipeline runs once
 * ({@link #runPipeline}); each test then checks one promise from outside: through Elasticsearch's search API, or
 * through {@code articles.clean} read with nothing but the Avro contract.
 */
@ExtendWith(StackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);

    static final String SEED_TEXT = "/dunia/2022/01/11/geneva-talks.txt";
    static final String SEED_HTML = "/dunia/2022/01/11/geneva-talks.html";
    static final String FLOODS = "/metro/2025/02/06/banjir-jakarta.html";
    static final String HARBOUR = "/news/harbour-strike.html";
    static final String HARBOUR_LINK = HARBOUR + "?utm_source=rss&utm_medium=feed";
    static final String REPORT_PDF = "/reports/annual-report.pdf";
    /** Articles that must reach the index; the PDF must not, it must be dead-lettered. */
    static final List<String> ARTICLES = List.of(SEED_TEXT, SEED_HTML, FLOODS, HARBOUR_LINK);

    private final SeedFacts seed = SeedFacts.load();
    private FeedSite site;
    private Kafka kafka;
    @RegisterExtension
    final Services services = new Services();
    private PipelineConfig config;
    private Elasticsearch elasticsearch;
    private String registryUrl;

    @BeforeAll
    void runPipeline(StackEndpoints endpoints) {
        registryUrl = endpoints.registryUrl();
        elasticsearch = new Elasticsearch(endpoints.elasticsearchUrl());
        Instant published = Instant.parse("2025-02-06T03:00:00Z");
        site = FeedSite.start()
                .page(SEED_TEXT, "text/plain; charset=utf-8", SeedPage.text())
                .page(SEED_HTML, "text/html; charset=utf-8", SeedPage.html(seed))
                .page(FLOODS, "text/html; charset=utf-8", resource("banjir-jakarta.html"))
                .page(HARBOUR, "text/html; charset=utf-8", resource("harbour-strike.html"))
                .page(REPORT_PDF, "application/pdf", resource("annual-report.pdf"))
                .rss("/feeds/dunia.xml", "Warta Dunia", List.of(
                        new Item(SEED_TEXT, seed.title() + " (teks)", published, "Perundingan di Jenewa."),
                        new Item(SEED_HTML, seed.title(), published, "Perundingan di Jenewa."),
                        new Item(FLOODS, "Banjir Rendam Ribuan Rumah di Jakarta Timur", published, "Banjir.")))
                .atom("/feeds/world.atom", "Harbour Herald", List.of(
                        new Item(HARBOUR_LINK, "Dock workers end three-day strike", published, "Port traffic resumes."),
                        new Item(REPORT_PDF, "Annual report 2024", published, "The port's annual report.")));

        config = PipelineConfig.forRun("pipeline", endpoints)
                .set("ingest", "jitter", 0)
                .set("ingest", "fetch.minDelayPerHost", "50ms")
                .set("ingest", "feeds", List.of(
                        feed(site.url("/feeds/dunia.xml"), "Warta Dunia", "id", "dunia"),
                        feed(site.url("/feeds/world.atom"), "Harbour Herald", "en", "world")));
        kafka = new Kafka(endpoints);
        kafka.createTopics(3, config.rawTopic(), config.cleanTopic(), config.deadLetterTopic());

        ServiceProcess sink = services.start(config, "sink", "256m");
        ServiceProcess enrich = services.start(config, "enrich", "512m");
        ServiceProcess ingest = services.start(config, "ingest", "256m");

        Awaitility.await("the " + ARTICLES.size() + " articles searchable in " + config.alias())
                .atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    List.of(ingest, enrich, sink).forEach(ServiceProcess::assertRunning);
                    return elasticsearch.count(config.alias()) >= ARTICLES.size();
                });
    }

    @AfterAll
    void closeClients() {
        try (Kafka k = kafka; FeedSite s = site) {
            services.close(); // before the site and the clients go (the extension would do it after this method)
        }
    }

    @Test
    void shouldIndexEveryArticleOfTheFeedsOnceWithItsFeedAndCanonicalUrl() {
        assertThat(elasticsearch.count(config.alias())).isEqualTo(ARTICLES.size());
        for (String path : ARTICLES) {
            JsonNode doc = article(path);
            String feed = path.startsWith("/news") ? "Harbour Herald" : "Warta Dunia";
            assertThat(doc.path("feedName").asText()).as("feed name of %s", path).isEqualTo(feed);
            assertThat(doc.path("tags").get(0).asText()).as("tags of %s", path)
                    .isEqualTo(feed.equals("Warta Dunia") ? "dunia" : "world");
            assertThat(doc.path("site").asText()).isEqualTo("127.0.0.1");
        }
        assertThat(article(HARBOUR_LINK).path("canonicalUrl").asText())
                .as("tracking parameters leave the canonical URL").isEqualTo(site.url(HARBOUR));
    }

    @ParameterizedTest(name = "seed as {0}")
    @ValueSource(strings = {SEED_TEXT, SEED_HTML})
    void shouldIndexTheSeedArticleWithItsTitleLeadSectionsAndCredit(String path) {
        JsonNode doc = article(path);

        assertThat(doc.path("title").asText()).isEqualTo(seed.title());
        assertThat(doc.path("language").asText()).isEqualTo(seed.language());
        assertThat(doc.path("credit").asText()).isEqualTo(seed.credit());
        assertThat(doc.path("lead")).hasSize(seed.leadParagraphs());
        List<String> headings = new ArrayList<>();
        List<Integer> blockCounts = new ArrayList<>();
        doc.path("sections").forEach(section -> {
            headings.add(section.path("heading").asText());
            blockCounts.add(section.path("text").asText().split("\n\n").length);
        });
        assertThat(headings).isEqualTo(seed.headings());
        assertThat(blockCounts).isEqualTo(seed.sections().stream().map(SeedFacts.SectionFact::blocks).toList());
        assertThat(doc.path("text").asText()).as("the credit line leaves the body").doesNotContain("AFP melaporkan");
    }

    @ParameterizedTest(name = "seed as {0}")
    @ValueSource(strings = {SEED_TEXT, SEED_HTML})
    void shouldRemoveExactlyTheSeedsSpamLinesAndRecordThemSearchably(String path) {
        JsonNode doc = article(path);

        List<String> removed = new ArrayList<>();
        doc.path("spamRemoved").forEach(removal -> {
            removed.add(removal.path("text").asText());
            assertThat(removal.path("rule").asText()).as("rule that removed '%s'", removal.path("text").asText())
                    .isNotBlank();
        });
        assertThat(removed).isEqualTo(seed.spamRemoved());
        assertThat(doc.path("spamLinesRemoved").asInt()).isEqualTo(seed.spamRemoved().size());
        for (String line : seed.spamRemoved()) {
            assertThat(doc.path("text").asText()).doesNotContain(line);
            for (String word : line.split(" ")) {
                ObjectNode query = Elasticsearch.JSON.createObjectNode();
                query.putObject("query").putObject("bool").putArray("filter")
                        .add(term("_id", doc.path("_id").asText()))
                        .addObject().putObject("match").put("text", word);
                assertThat(elasticsearch.hits(config.alias(), query)).as("text search for '%s'", word).isEmpty();
            }
        }
        ObjectNode bySpam = Elasticsearch.JSON.createObjectNode();
        bySpam.putObject("query").putObject("nested").put("path", "spamRemoved").putObject("query")
                .putObject("term").put("spamRemoved.text", seed.spamRemoved().getFirst());
        assertThat(ids(elasticsearch.hits(config.alias(), bySpam)))
                .as("the removed line is searchable where it was recorded")
                .contains(doc.path("_id").asText());
    }

    @Test
    void shouldFindBothSeedsByANestedQueryForShermanThreatening() {
        JsonNode hits = statementSearch(null, new StatementFact(null, "Wendy Sherman", null, "THREATEN", null,
                List.of()));

        assertThat(ids(hits)).containsExactlyInAnyOrder(article(SEED_TEXT).path("_id").asText(),
                article(SEED_HTML).path("_id").asText());
    }

    @ParameterizedTest(name = "seed as {0}")
    @ValueSource(strings = {SEED_TEXT, SEED_HTML})
    void shouldFindEveryStatementOfTheSeedsFactsByOneNestedQueryInOrder(String path) {
        JsonNode doc = article(path);
        String id = doc.path("_id").asText();

        for (StatementFact statement : seed.statements()) {
            JsonNode hits = statementSearch(id, statement);
            assertThat(hits).as("statement %s", statement).hasSize(1);
            JsonNode found = hits.get(0).path("_inner_hits").path("statements").path("hits").path("hits").get(0)
                    .path("_source");
            List<String> quotes = StreamSupport.stream(found.path("quotes").spliterator(), false)
                    .map(JsonNode::asText).toList();
            assertThat(quotes).as("quotes of %s", statement).containsAll(statement.quotes());
        }
        List<String> inOrder = new ArrayList<>();
        doc.path("statements").forEach(s -> inOrder.add(doc.path("sections").get(s.path("section").asInt())
                .path("heading").asText() + " / " + s.path("speaker").path("name").asText() + " / "
                + s.path("act").asText()));
        assertThat(inOrder).as("the statements, in reading order").isEqualTo(seed.statements().stream()
                .map(s -> s.section() + " / " + s.speaker() + " / " + s.act()).toList());
    }

    @Test
    void shouldRecordThatRyabkovsWarningIsRelayedViaAp() {
        String seedId = article(SEED_TEXT).path("_id").asText();

        assertThat(ids(statementSearch(seedId, new StatementFact(null, "Sergei Ryabkov", null, "WARN", "AP",
                List.of())))).containsExactly(seedId);
        assertThat(ids(statementSearch(seedId, new StatementFact(null, "Kremlin", null, "ASSERT", null,
                List.of("positif"))))).containsExactly(seedId);
        assertThat(ids(statementSearch(seedId, new StatementFact(null, "Sergei Ryabkov", null, "WARN", "AFP",
                List.of())))).as("a via the article does not give").isEmpty();
    }

    @Test
    void shouldStripHiddenSpamLinksAndBacaJugaLinesFromTheIndonesianPage() {
        JsonNode doc = article(FLOODS);

        assertThat(doc.path("language").asText()).isEqualTo("id");
        assertThat(doc.path("credit").asText()).isEqualTo("Antara");
        List<String> rules = new ArrayList<>();
        doc.path("spamRemoved").forEach(removal -> rules.add(removal.path("rule").asText()));
        assertThat(rules).containsExactlyInAnyOrder("boilerplate-baca-juga", "spam-hidden-links");
        assertThat(doc.path("text").asText()).doesNotContain("Baca juga", "slot gacor", "togel", "maxwin")
                .contains("Kampung Melayu", "Transjakarta");
        assertThat(doc.path("statementSpeakers").toString()).contains("Isnawa Adji");
    }

    @Test
    void shouldLoseNoLineOfTheCleanEnglishPageToSpamRules() {
        JsonNode doc = article(HARBOUR_LINK);

        assertThat(doc.path("language").asText()).isEqualTo("en");
        assertThat(doc.path("spamLinesRemoved").asInt()).isZero();
        assertThat(doc.path("title").asText()).isEqualTo("Dock workers end three-day strike at Rotterdam harbour");
        assertThat(doc.path("text").asText()).contains("forty container ships", "Antwerp and Hamburg")
                .doesNotContain("Related stories", "cookies", "All rights reserved");
        JsonNode hits = statementSearch(doc.path("_id").asText(), new StatementFact(null, "Pieter de Vries", null,
                "ASSERT", null, List.of("a fair result for people who keep this port running day and night")));
        assertThat(hits).hasSize(1);
    }

    @Test
    void shouldDeadLetterAPdfLinkedFromAFeedInEnrichWithItsOriginalBytes() {
        ConsumerRecord<String, RawArticle> raw = kafka.readAll(config.rawTopic(), deserializer(RawArticle.class),
                        ARTICLES.size() + 1, READ_TIMEOUT).stream()
                .filter(record -> record.value().getUrl().equals(site.url(REPORT_PDF))).findFirst().orElseThrow();
        byte[] rawBytes = kafka.readAll(config.rawTopic(), new ByteArrayDeserializer(), ARTICLES.size() + 1,
                        READ_TIMEOUT).stream()
                .filter(record -> record.key().equals(raw.key())).findFirst().orElseThrow().value();

        List<ConsumerRecord<String, DeadLetter>> deadLetters = kafka.readAll(config.deadLetterTopic(),
                deserializer(DeadLetter.class), 1, READ_TIMEOUT);

        assertThat(deadLetters).hasSize(1);
        DeadLetter letter = deadLetters.getFirst().value();
        assertThat(letter.getStage()).isEqualTo(Stage.ENRICH);
        assertThat(letter.getReason()).isEqualTo(FailureReason.UNDECODABLE);
        assertThat(letter.getArticleId()).isEqualTo(raw.key());
        assertThat(letter.getSourceTopic()).isEqualTo(config.rawTopic());
        assertThat(letter.getSourceOffset()).isEqualTo(raw.offset());
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(rawBytes);
        assertThat(elasticsearch.existingIds(config.alias(), List.of(raw.key()))).isEmpty();
    }

    @Test
    void shouldReadArticlesCleanWithAPlainConsumerAndTheContractsDeserializer() {
        List<ConsumerRecord<String, CleanArticle>> records = kafka.readAll(config.cleanTopic(),
                deserializer(CleanArticle.class), ARTICLES.size(), READ_TIMEOUT);

        assertThat(records).extracting(record -> record.value().getUrl())
                .containsExactlyInAnyOrderElementsOf(ARTICLES.stream().map(site::url).toList());
        CleanArticle article = records.stream().map(ConsumerRecord::value)
                .filter(value -> value.getUrl().equals(site.url(SEED_HTML))).findFirst().orElseThrow();
        assertThat(article.getTitle()).isEqualTo(seed.title());
        assertThat(article.getLanguage()).isEqualTo(seed.language());
        assertThat(article.getSpamRemoved()).extracting(SpamRemoval::getText).isEqualTo(seed.spamRemoved());
        assertThat(article.getLead()).hasSize(seed.leadParagraphs());
        assertThat(article.getStatements()).hasSize(seed.statements().size());
        assertThat(records).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value().getId()));
    }

    @Test
    void shouldLetConfluentsJavaScriptClientDecodeTheSeedFromArticlesClean()
            throws IOException, InterruptedException {
        String seedId = article(SEED_HTML).path("_id").asText();
        byte[] wireBytes = kafka.readAll(config.cleanTopic(), new ByteArrayDeserializer(), ARTICLES.size(),
                        READ_TIMEOUT).stream()
                .filter(record -> record.key().equals(seedId)).findFirst().orElseThrow().value();

        JsonNode decoded = Elasticsearch.JSON.readTree(ThirdPartyDecoder
                .install(Path.of("..", "schemas", "src", "test", "js"), Path.of("target", "interop-js"))
                .decode(registryUrl, wireBytes));

        assertThat(decoded.path("id").asText()).isEqualTo(seedId);
        assertThat(decoded.path("title").asText()).isEqualTo(seed.title());
        List<String> removed = new ArrayList<>();
        decoded.path("spamRemoved").forEach(removal -> removed.add(removal.path("text").asText()));
        assertThat(removed).isEqualTo(seed.spamRemoved());
        List<String> speakerActs = new ArrayList<>();
        decoded.path("statements").forEach(s -> speakerActs.add(s.path("speaker").path("name").asText() + ": "
                + s.path("act").asText()));
        assertThat(speakerActs).isEqualTo(seed.statements().stream().map(s -> s.speaker() + ": " + s.act()).toList());
    }

    /** The indexed document of the article at this path (its feed link), with its {@code _id}. */
    private JsonNode article(String path) {
        ObjectNode query = Elasticsearch.JSON.createObjectNode();
        query.putObject("query").set("term", Elasticsearch.JSON.createObjectNode().put("url", site.url(path)));
        List<JsonNode> hits = elasticsearch.hits(config.alias(), query);
        assertThat(hits).as("documents with url %s", site.url(path)).hasSize(1);
        return hits.getFirst();
    }

    /**
     * One nested query over {@code statements}: every condition must hold within the same statement. Section,
     * role and via are conditions only when the fact gives them; each quote must be a phrase of the statement's
     * quotes. {@code id} limits the search to one document.
     */
    private JsonNode statementSearch(String id, StatementFact fact) {
        ArrayNode filter = Elasticsearch.JSON.createArrayNode();
        filter.add(term("statements.speaker.name", fact.speaker()));
        filter.add(term("statements.act", fact.act()));
        if (fact.section() != null) {
            filter.add(Elasticsearch.JSON.createObjectNode().set("term", Elasticsearch.JSON.createObjectNode()
                    .put("statements.section", seed.sectionIndex(fact.section()))));
        }
        if (fact.role() != null) {
            filter.add(term("statements.speaker.role.keyword", fact.role()));
        }
        if (fact.via() != null) {
            filter.add(term("statements.via", fact.via()));
        }
        ArrayNode must = Elasticsearch.JSON.createArrayNode();
        fact.quotes().forEach(quote -> must.addObject().putObject("match_phrase").put("statements.quotes", quote));
        ObjectNode nested = Elasticsearch.JSON.createObjectNode();
        nested.put("path", "statements");
        ObjectNode inner = nested.putObject("query").putObject("bool");
        inner.set("filter", filter);
        inner.set("must", must);
        nested.putObject("inner_hits").put("size", 10);
        ObjectNode query = Elasticsearch.JSON.createObjectNode();
        ArrayNode outer = query.putObject("query").putObject("bool").putArray("filter");
        outer.addObject().set("nested", nested);
        if (id != null) {
            outer.add(term("_id", id));
        }
        return Elasticsearch.JSON.valueToTree(elasticsearch.hits(config.alias(), query));
    }

    private static ObjectNode term(String field, String value) {
        ObjectNode term = Elasticsearch.JSON.createObjectNode();
        term.putObject("term").put(field, value);
        return term;
    }

    private static List<String> ids(Iterable<JsonNode> hits) {
        return StreamSupport.stream(hits.spliterator(), false).map(hit -> hit.path("_id").asText()).toList();
    }

    private <T extends org.apache.avro.specific.SpecificRecord> Deserializer<T> deserializer(Class<T> type) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(type);
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        return deserializer;
    }

    private static Map<String, Object> feed(String url, String name, String language, String tag) {
        return Map.of("url", url, "name", name, "language", language, "tags", List.of(tag),
                "allowPrivateAddress", true, "pollInterval", "30s");
    }

    private static byte[] resource(String name) {
        try (InputStream in = PipelineIT.class.getResourceAsStream("/site/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /site/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
