package io.newsflow.enrich.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SourceState;
import io.newsflow.avro.SpamSample;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.registry.MockSchemaRegistries;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source-health topology on TopologyTestDriver with the production wiring; time is the articles' fetch time
 * only (the records' own timestamps are a fixed wall-clock instant that would break the windows if they were used).
 */
class HealthTopologyTest {
    private static final String CLEAN = "articles.clean";
    private static final String HEALTH = "sources.health";
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant WALL_CLOCK = Instant.parse("2030-01-01T00:00:00Z");
    private static final String HACKED = "Warta Nusantara";

    @TempDir
    Path stateDir;

    private final HealthArticles articles = new HealthArticles();
    private AvroSerde<CleanArticle> cleanSerde;
    private AvroSerde<SourceHealth> healthSerde;
    private final HealthMetrics metrics = HealthMetrics.inMemory();
    private TopologyTestDriver driver;
    private TestInputTopic<String, CleanArticle> clean;
    private TestOutputTopic<String, SourceHealth> health;

    @BeforeEach
    void start() {
        MockSchemaRegistries.reset("health-topology-test");
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                MockSchemaRegistries.URL_PREFIX + "health-topology-test");
        cleanSerde = new AvroSerde<>(CleanArticle.class);
        healthSerde = new AvroSerde<>(SourceHealth.class);
        cleanSerde.configure(serdeConfig, false);
        healthSerde.configure(serdeConfig, false);
        startDriver();
    }

    private void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        HealthTopology.build(builder, new HealthTopology.Wiring(Topics.named("articles.raw", CLEAN, "articles.dlq", HEALTH),
                cleanSerde, healthSerde, HealthRule.DEFAULTS, metrics));
        Properties props = HealthTopology.streamsConfig("health-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props);
        clean = driver.createInputTopic(CLEAN, new StringSerializer(), cleanSerde.serializer());
        health = driver.createOutputTopic(HEALTH, new StringDeserializer(), healthSerde.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void pipe(CleanArticle article) {
        clean.pipeInput(article.getId(), article, WALL_CLOCK);
    }

    private Instant cleanHourly(String source, Instant from, int hours) {
        for (int h = 0; h < hours; h++) {
            pipe(articles.clean(source, from.plus(Duration.ofHours(h))));
        }
        return from.plus(Duration.ofHours(hours));
    }

    @Test
    void shouldPublishOneCompromisedEventWithEvidenceWhenACleanSiteHasSpamThriceInAnHour() {
        Instant afterWeek = cleanHourly(HACKED, START, 7 * 24);
        assertThat(health.readValuesToList()).as("a clean week publishes only the source's first state")
                .extracting(SourceHealth::getState).containsExactly(SourceState.CLEAN);
        CleanArticle first = articles.withRemoved(HACKED, afterWeek.plusSeconds(300), "spam-hidden-links");
        pipe(first);
        pipe(articles.withRemoved(HACKED, afterWeek.plusSeconds(900), "spam-link-farm", "boilerplate-baca-juga"));
        pipe(articles.withRemoved(HACKED, afterWeek.plusSeconds(1500), "spam-link-farm"));
        pipe(articles.withRemoved(HACKED, afterWeek.plusSeconds(2100), "spam-body-terms"));

        List<KeyValue<String, SourceHealth>> events = health.readKeyValuesToList();
        assertThat(metrics.articlesObserved()).isEqualTo(7 * 24 + 4);
        assertThat(events).extracting(e -> e.value.getState())
                .containsExactly(SourceState.SUSPECT, SourceState.COMPROMISED);
        KeyValue<String, SourceHealth> compromised = events.get(1);
        assertThat(compromised.key).isEqualTo(HACKED);
        SourceHealth event = compromised.value;
        assertThat(event.getSource()).isEqualTo(HACKED);
        assertThat(event.getSite()).isEqualTo("warta-nusantara.example");
        assertThat(event.getPreviousState()).isEqualTo(SourceState.SUSPECT);
        assertThat(event.getChangedAt()).isEqualTo(afterWeek.plusSeconds(1500));
        assertThat(event.getWindow().getSize()).isEqualTo("PT1H");
        assertThat(event.getWindow().getStart()).isEqualTo(afterWeek);
        assertThat(event.getWindow().getEnd()).isEqualTo(afterWeek.plus(Duration.ofHours(1)));
        assertThat(event.getEvidence().getArticles()).isEqualTo(3);
        assertThat(event.getEvidence().getSpamArticles()).isEqualTo(3);
        assertThat(event.getEvidence().getSpamLinesByRule())
                .containsExactlyInAnyOrderEntriesOf(Map.of("spam-hidden-links", 1L, "spam-link-farm", 2L));
        assertThat(event.getEvidence().getFirstSpamArticleId()).isEqualTo(first.getId());
        assertThat(event.getEvidence().getFirstSpamUrl()).isEqualTo(first.getUrl());
        assertThat(event.getEvidence().getFirstSpamAt()).isEqualTo(afterWeek.plusSeconds(300));
        assertThat(event.getEvidence().getSamples()).extracting(SpamSample::getRule)
                .containsExactly("spam-hidden-links", "spam-link-farm", "spam-link-farm");
        assertThat(event.getEvidence().getSamples().getFirst().getText()).contains("slot gacor");
    }

    @Test
    void shouldPublishRecoveredOnceTheSiteIsCleanForTheRecoveryPeriod() {
        Instant afterWeek = cleanHourly(HACKED, START, 7 * 24);
        for (int i = 1; i <= 3; i++) {
            pipe(articles.withRemoved(HACKED, afterWeek.plusSeconds(600L * i), "spam-hidden-links"));
        }
        cleanHourly(HACKED, afterWeek.plus(Duration.ofHours(1)), 26);

        List<SourceHealth> events = health.readValuesToList();
        assertThat(events).extracting(SourceHealth::getState).containsExactly(SourceState.CLEAN, SourceState.SUSPECT,
                SourceState.COMPROMISED, SourceState.RECOVERED);
        SourceHealth recovered = events.getLast();
        assertThat(recovered.getPreviousState()).isEqualTo(SourceState.COMPROMISED);
        assertThat(recovered.getChangedAt()).isAfterOrEqualTo(afterWeek.plusSeconds(1800).plus(Duration.ofHours(24)));
        assertThat(recovered.getEvidence().getSpamArticles()).isZero();
        assertThat(recovered.getEvidence().getLastSpamAt()).isEqualTo(afterWeek.plusSeconds(1800));
    }

    @Test
    void shouldNeverFlagASiteThatReportsOnGambling() {
        Instant t = START;
        for (int i = 0; i < 300; i++) {
            t = t.plus(Duration.ofMinutes(15));
            pipe(i % 2 == 0 ? articles.clean("Gaming Desk", t)
                    : articles.withRemoved("Gaming Desk", t, "boilerplate-advertisement"));
        }

        assertThat(health.readValuesToList()).singleElement().satisfies(first -> {
            assertThat(first.getState()).isEqualTo(SourceState.CLEAN);
            assertThat(first.getPreviousState()).isNull();
        });
        KeyValueStore<String, SourceStatus> statuses = driver.getKeyValueStore(HealthTopology.STATUS_STORE);
        assertThat(statuses.get("Gaming Desk").state()).isEqualTo(SourceState.CLEAN);
    }

    @Test
    void shouldKeepOneSpamPageAmongFiveHundredCleanOnesFromMakingTheSiteCompromised() {
        Instant t = START;
        for (int i = 0; i < 501; i++) {
            t = t.plus(Duration.ofMinutes(10));
            pipe(i == 100 ? articles.withRemoved(HACKED, t, "spam-byline-handle") : articles.clean(HACKED, t));
        }

        assertThat(health.readValuesToList()).extracting(SourceHealth::getState)
                .containsExactly(SourceState.CLEAN, SourceState.SUSPECT, SourceState.CLEAN);
    }
}
