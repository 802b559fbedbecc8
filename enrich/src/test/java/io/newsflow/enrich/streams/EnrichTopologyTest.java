package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.DegradationCause;
import io.newsflow.avro.DegradedStage;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.Stage;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.TestCleaner;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.pipeline.CleaningLimits;
import io.newsflow.enrich.pipeline.EnricherVersion;
import io.newsflow.enrich.pipeline.StageHook;
import io.newsflow.enrich.rules.RuleSet;
import io.newsflow.enrich.statements.StatementTagger;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.Hashes;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.registry.MockSchemaRegistries;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.stack.junit.SharedFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich topology. */
class EnrichTopologyTest {
    private static final String RAW = "articles.raw";
    private static final String CLEAN = "articles.clean";
    private static final String DLQ = "articles.dlq";
    private static final EnricherVersion TEST_VERSION = new EnricherVersion("test", "0000000000000000");
    private static final Instant NOW = Instant.parse("2026-01-10T09:00:00Z");

    @TempDir
    Path stateDir;

    private static final String REGISTRY_SCOPE = "enrich-topology-test";
    private final Topics topics = Topics.named(RAW, CLEAN, DLQ);
    private AvroSerde<RawArticle> rawSerde;
    private AvroSerde<CleanArticle> cleanSerde;
    private AvroSerde<DeadLetter> deadLetterSerde;
    private EnrichMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestInputTopic<String, byte[]> rawBytes;
    private TestOutputTopic<String, CleanArticle> clean;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private String seed;

    @BeforeEach
    void start() throws Exception {
        seed = Files.readString(SharedFolder.path("samples/geneva-talks.id.txt"));
        MockSchemaRegistries.reset(REGISTRY_SCOPE);
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, MockSchemaRegistries.URL_PREFIX + REGISTRY_SCOPE);
        rawSerde = new AvroSerde<>(RawArticle.class);
        cleanSerde = new AvroSerde<>(CleanArticle.class);
        deadLetterSerde = new AvroSerde<>(DeadLetter.class);
        for (var serde : List.of(rawSerde, cleanSerde, deadLetterSerde)) {
            serde.configure(serdeConfig, false);
        }
        metrics = EnrichMetrics.inMemory();
        startDriver(TestCleaner.get()::clean);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void startDriver(Function<ArticleInput, CleanResult> cleaner) {
        startDriver(cleaner, TEST_VERSION, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void startDriver(Function<ArticleInput, CleanResult> cleaner, EnricherVersion version, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        EnrichTopology.build(builder, new EnrichTopology.Wiring(
                topics, rawSerde, cleanSerde, cleaner, metrics, Duration.ofDays(7), clock, version));
        Properties props = streamsConfig(clock);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // TopologyTestDriver (4.3.1) under exactly_once_v2 never commits the transaction in which a deserialization
        // handler's dead letter is sent, so the record never shows; the driver simulates no transactions anyway.
        // EnrichIT runs the production settings, exactly-once included, on a real broker.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(builder.build(), props);
        raw = driver.createInputTopic(RAW, new StringSerializer(), rawSerde.serializer());
        rawBytes = driver.createInputTopic(RAW, new StringSerializer(), new ByteArraySerializer());
        clean = driver.createOutputTopic(CLEAN, new StringDeserializer(), cleanSerde.deserializer());
        deadLetters = driver.createOutputTopic(DLQ, new StringDeserializer(), deadLetterSerde.deserializer());
    }

    private Properties streamsConfig(Clock clock) {
        return EnrichTopology.streamsConfig("enrich-test", new DeadLetterRouting(DLQ, deadLetterSerde.serializer(),
                metrics, clock), new EnvironmentFaults(metrics.registry(), clock, Duration.ofMinutes(1)),
                Duration.ofSeconds(30));
    }

    @Test
    void shouldWriteTheCleanArticleOfARawPage() {
        raw.pipeInput("a1", RawArticles.text("a1", seed));

        TestRecord<String, CleanArticle> out = clean.readRecord();
        assertThat(out.key()).isEqualTo("a1");
        CleanArticle article = out.value();
        assertThat(article.getTitle()).isEqualTo("Pembicaraan Keamanan AS-Rusia: Apa yang Kami Ketahui");
        assertThat(article.getCredit()).isEqualTo("AFP");
        assertThat(article.getLanguage()).isEqualTo("id");
        assertThat(article.getSite()).isEqualTo("news.example.id");
        assertThat(article.getSections()).hasSize(5);
        assertThat(article.getSpamRemoved()).extracting(r -> r.getText()).containsExactly("sbobet", "By gacor88");
        assertThat(article.getContentHash()).isEqualTo(Hashes.contentHash(seed.getBytes(StandardCharsets.UTF_8)));
        assertThat(article.getProcessedAt()).isEqualTo(NOW);
        assertThat(article.getDegraded()).isEmpty();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.registry().counter("newsflow.enrich.spam.removed", "rule", "spam-footer-terms").count()).isEqualTo(1);
        assertThat(metrics.registry().counter("newsflow.enrich.articles.out").count()).isEqualTo(1);
    }

    @Test
    void shouldSendToDeadLetterWhenTheRecordIsUndecodableAndGoOn() {
        byte[] garbage = {0x01, 0x13, 0x00, (byte) 0xFF, 0x7F};
        rawBytes.pipeInput("bad", garbage);
        raw.pipeInput("a1", RawArticles.text("a1", seed));

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo(Stage.ENRICH);
        assertThat(letter.getReason()).isEqualTo(FailureReason.UNDECODABLE);
        assertThat(letter.getArticleId()).isEqualTo("bad");
        assertThat(letter.getSourceTopic()).isEqualTo(RAW);
        assertThat(letter.getSourceOffset()).isZero();
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(garbage);
        assertThat(clean.readKeyValue().key).as("the next record is still processed").isEqualTo("a1");
        assertThat(metrics.registry().counter("newsflow.enrich.articles.dead.lettered", "reason", "UNDECODABLE").count())
                .isEqualTo(1);
    }

    @Test
    void shouldSendToDeadLetterWhenTheBodyIsNotAnArticle() {
        RawArticle tooShort = RawArticles.text("short", "Judul\n\nHanya satu kalimat pendek.");
        raw.pipeInput("short", tooShort);

        assertThat(clean.isEmpty()).isTrue();
        TestRecord<String, DeadLetter> record = deadLetters.readRecord();
        DeadLetter letter = record.value();
        assertThat(letter.getReason()).isEqualTo(FailureReason.NOT_AN_ARTICLE);
        assertThat(letter.getMessage()).contains("NOT_AN_ARTICLE").doesNotContain("Hanya satu kalimat");
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(rawSerde.serializer().serialize(RAW, tooShort));
        assertThat(new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("NOT_AN_ARTICLE");
    }

    @Test
    void shouldSendToDeadLetterWhenTheBodyIsBinary() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
        raw.pipeInput("img", RawArticles.raw("img", "text/html", png));

        assertThat(clean.isEmpty()).isTrue();
        assertThat(deadLetters.readValue().getReason()).isEqualTo(FailureReason.UNDECODABLE);
    }

    @Test
    void shouldSendToDeadLetterWhenExtractionThrowsWithoutEchoingContent() {
        driver.close();
        startDriver(input -> {
            throw new IllegalStateException("boom with secret page text");
        });
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        raw.pipeInput("a2", RawArticles.text("a2", seed));

        DeadLetter first = deadLetters.readValue();
        assertThat(first.getReason()).isEqualTo(FailureReason.EXTRACTION_FAILED);
        assertThat(first.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(first.getMessage()).doesNotContain("secret");
        assertThat(deadLetters.readValue().getArticleId()).as("the app goes on with the next record").isEqualTo("a2");
        assertThat(clean.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishTheArticleWithAMarkerAndCountItWhenAStageThrows() {
        StageHook taggerBreaks = (stage, input) -> {
            if (stage == io.newsflow.enrich.core.Stage.STATEMENTS) {
                throw new IllegalStateException("boom");
            }
        };
        driver.close();
        startDriver(TestCleaner.with(CleaningLimits.defaults(), List.of(taggerBreaks), System::nanoTime)::clean);

        raw.pipeInput("a1", RawArticles.text("a1", seed));

        CleanArticle article = clean.readValue();
        assertThat(article.getStatements()).isEmpty();
        assertThat(article.getText()).contains("Ryabkov");
        assertThat(article.getDegraded()).singleElement().satisfies(d -> {
            assertThat(d.getStage()).isEqualTo(DegradedStage.STATEMENTS);
            assertThat(d.getCause()).isEqualTo(DegradationCause.FAILED);
            assertThat(d.getError()).startsWith(IllegalStateException.class.getName());
        });
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.registry().counter("newsflow.enrich.stage.degraded", "stage", "STATEMENTS", "cause", "FAILED")
                .count()).isEqualTo(1);
    }

    @Test
    void shouldWriteNoSecondOutputForTheSameContentAndANewVersionForChangedContent() {
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        assertThat(clean.readValuesToList()).hasSize(1);
        assertThat(metrics.registry().counter("newsflow.enrich.articles.duplicate").count()).isEqualTo(1);

        String edited = seed.replace("tujuh jam", "delapan jam");
        raw.pipeInput("a1", RawArticles.text("a1", edited));
        CleanArticle second = clean.readValue();
        assertThat(second.getContentHash()).isEqualTo(Hashes.contentHash(edited.getBytes(StandardCharsets.UTF_8)));
        assertThat(second.getText()).contains("delapan jam");
    }

    @Test
    void shouldWriteANewVersionOfTheSameContentWhenTheEnricherVersionChanged() {
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        CleanArticle first = clean.readValue();
        assertThat(first.getEnricher().getRules()).isEqualTo(TEST_VERSION.rules());
        assertThat(first.getEnricherVersion()).isEqualTo("test+rules.0000000000000000");
        var remembered = driver.<String, String>getTimestampedKeyValueStore(EnrichTopology.DEDUP_STORE).get("a1");
        driver.close();
        // TopologyTestDriver wipes its state on close: the new enricher starts with the old one's dedup entry.
        EnricherVersion newer = new EnricherVersion("test", "1111111111111111");
        startDriver(TestCleaner.get()::clean, newer, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        driver.<String, String>getTimestampedKeyValueStore(EnrichTopology.DEDUP_STORE).put("a1", remembered);

        raw.pipeInput("a1", RawArticles.text("a1", seed));
        raw.pipeInput("a1", RawArticles.text("a1", seed));

        List<TestRecord<String, CleanArticle>> out = clean.readRecordsToList();
        assertThat(out).as("re-enriched once under the new version, then a duplicate again").hasSize(1);
        assertThat(out.get(0).value().getEnricher().getRules()).isEqualTo("1111111111111111");
        assertThat(out.get(0).timestamp()).as("the record timestamp is the enrichment time, the sink's version")
                .isEqualTo(NOW.plusSeconds(60).toEpochMilli());
    }

    @Test
    void shouldPassATombstoneThroughAndForgetTheId() {
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        assertThat(clean.readValue()).isNotNull();

        raw.pipeInput("a1", (RawArticle) null, NOW.minusSeconds(3600));
        TestRecord<String, CleanArticle> tombstone = clean.readRecord();
        assertThat(tombstone.key()).isEqualTo("a1");
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.timestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.registry().counter("newsflow.enrich.articles.retracted").count()).isEqualTo(1);

        raw.pipeInput("a1", RawArticles.text("a1", seed));
        assertThat(clean.readValue().getId()).as("republished after the retraction: not a duplicate").isEqualTo("a1");
    }

    @Test
    void shouldCleanARejectedArticleAgainWhenTheSameContentIsSentAgain() {
        driver.close();
        boolean[] fixed = {false};
        startDriver(input -> fixed[0] ? TestCleaner.get().clean(input)
                : new CleanResult.Rejected(io.newsflow.enrich.core.RejectReason.NOT_AN_ARTICLE, "rule not fixed yet"));
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        assertThat(deadLetters.readValue().getReason()).isEqualTo(FailureReason.NOT_AN_ARTICLE);

        fixed[0] = true; // the fault is fixed and the dead letter redriven: the same id and content hash again
        raw.pipeInput("a1", RawArticles.text("a1", seed));

        assertThat(clean.readValuesToList()).extracting(CleanArticle::getId).containsExactly("a1");
        assertThat(metrics.registry().counter("newsflow.enrich.articles.duplicate").count()).isZero();
    }

    @Test
    void shouldChangelogTheDedupStateSoThatARestartRestoresIt() {
        // TopologyTestDriver wipes its state directory on close, so the restart itself is exercised in EnrichIT.
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        assertThat(clean.readValuesToList()).hasSize(1);

        String changelog = "enrich-test-" + EnrichTopology.DEDUP_STORE + "-changelog";
        assertThat(driver.producedTopicNames()).contains(changelog);
        var entries = driver.createOutputTopic(changelog, new StringDeserializer(), new StringDeserializer())
                .readKeyValuesToList();
        assertThat(entries).extracting(kv -> kv.key).containsExactly("a1");
    }

    @Test
    void shouldForgetArticlesNotSeenForTheTtl() {
        raw.pipeInput("a1", RawArticles.text("a1", seed));
        assertThat(driver.getTimestampedKeyValueStore(EnrichTopology.DEDUP_STORE).get("a1")).isNotNull();
        driver.close();
        Clock later = Clock.fixed(NOW.plus(Duration.ofDays(8)), ZoneOffset.UTC);
        StreamsBuilder builder = new StreamsBuilder();
        EnrichTopology.build(builder, new EnrichTopology.Wiring(topics, rawSerde, cleanSerde, TestCleaner.get()::clean,
                metrics, Duration.ofDays(7), later, TEST_VERSION));
        Properties props = streamsConfig(later);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props);

        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(driver.getTimestampedKeyValueStore(EnrichTopology.DEDUP_STORE).get("a1")).isNull();
    }

    @Test
    void shouldNameEveryNodeAndStore() {
        StreamsBuilder builder = new StreamsBuilder();
        EnrichTopology.build(builder, new EnrichTopology.Wiring(topics, rawSerde, cleanSerde, TestCleaner.get()::clean,
                metrics, Duration.ofDays(7), Clock.systemUTC(), TEST_VERSION));
        String description = builder.build().describe().toString();
        assertThat(description).contains(EnrichTopology.SOURCE, EnrichTopology.PROCESSOR, EnrichTopology.SINK,
                EnrichTopology.DEDUP_STORE).doesNotContain("KSTREAM-");
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void shouldCleanWithAUserRuleAddedWhileTheTopologyRuns() throws Exception {
        Path rules = Files.writeString(stateDir.resolve("rules.yml"), "# no rules of our own yet\n");
        LanguageGuesser languages = LanguageGuesser.defaults();
        try (ReloadingCleaner reloading = ReloadingCleaner.start(
                new RuleSet.UserFiles(List.of(rules), List.of()),
                set -> new ArticleCleaner(set.spamRules(), languages,
                        StatementTagger.load(set.lexicons()), 25),
                Duration.ofMillis(50), metrics.registry())) {
            driver.close();
            startDriver(reloading::clean);
            String page = seed + "\n\nDukung kami dengan berlangganan hari ini\n";
            String before = reloading.fingerprint();

            raw.pipeInput("a1", RawArticles.text("a1", page));
            assertThat(clean.readValue().getSpamRemoved()).extracting(r -> r.getRule()).doesNotContain("local-support");

            Files.writeString(rules, """
                    rules:
                      - id: local-support
                        version: 1
                        kind: pattern
                        category: boilerplate
                        description: Our CMS's subscription prompt.
                        patterns: ['^dukung kami.*$']
                    """);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !reloading.fingerprint().equals(before));
            raw.pipeInput("a2", RawArticles.text("a2", page));

            assertThat(clean.readValue().getSpamRemoved())
                    .anySatisfy(r -> {
                        assertThat(r.getRule()).isEqualTo("local-support");
                        assertThat(r.getText()).isEqualTo("Dukung kami dengan berlangganan hari ini");
                    });
        }
    }
}
