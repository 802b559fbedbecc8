package io.newsflow.sink.runtime;

import static io.newsflow.sink.testing.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import io.newsflow.common.ops.Health;
import io.newsflow.schemas.registry.SchemaRegistryException;
import io.newsflow.schemas.serde.RegistryUnavailableException;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.errors.ErrorAction;
import io.newsflow.sink.errors.ErrorRule;
import io.newsflow.sink.testing.FakeElasticsearch;
import io.newsflow.sink.testing.FakeElasticsearch.Reply;
import io.newsflow.sink.testing.RecordingConsumer;
import io.newsflow.sink.testing.RecordingDeadLetters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poll loop against a mock consumer and a fake Elasticsearch answering each bulk item as scripted. */
class ArticleSinkTest {

    private static final String TOPIC = "articles.clean";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Deserializer<CleanArticle> AVRO = (topic, data) -> {
        try {
            return CleanArticle.fromByteBuffer(ByteBuffer.wrap(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private final RecordingConsumer consumer = new RecordingConsumer();
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private Deserializer<CleanArticle> deserializer = AVRO;
    private FakeElasticsearch elasticsearch;
    private ElasticsearchAsyncClient client;
    private ArticleSink sink;
    private long nextOffset;

    @BeforeEach
    void setUp() throws IOException {
        elasticsearch = new FakeElasticsearch();
        client = ElasticsearchAsyncClient.of(b -> b.host(elasticsearch.url()));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
    }

    @AfterEach
    void tearDown() throws IOException {
        if (sink != null) {
            sink.close();
        }
        client._transport().close();
        elasticsearch.close();
    }

    private SinkSettings settings(int maxInFlight, List<ErrorRule> rules) {
        return settings(maxInFlight, rules, new SinkSettings.Breaker(10, Duration.ofMillis(300)));
    }

    private SinkSettings settings(int maxInFlight, List<ErrorRule> rules, SinkSettings.Breaker breaker) {
        SinkSettings d = SinkSettings.defaults();
        return new SinkSettings("test", d.elasticsearch(), d.index(),
                new SinkSettings.Bulk(10, 1_000_000, Duration.ofMillis(20), 2),
                maxInFlight, Duration.ofMillis(20),
                new SinkSettings.Retry(Duration.ofMillis(10), Duration.ofMillis(40)), breaker, rules);
    }

    private void start(SinkSettings settings) {
        sink = ArticleSink.builder()
                .settings(settings)
                .topic(TOPIC)
                .consumer(consumer)
                .deserializer(deserializer)
                .elasticsearch(client)
                .deadLetters(deadLetters)
                .meters(meters)
                .random(RandomGenerator.of("L64X128MixRandom"))
                .shutdownTimeout(Duration.ofSeconds(5))
                .onFatal(fatal::set)
                .build()
                .start();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
    }

    private void start() {
        start(settings(1000, List.of()));
    }

    private void produce(String id) {
        produce(id.getBytes(StandardCharsets.UTF_8), bytes(article(id).build()), 0L);
    }

    private void produce(byte[] key, byte[] value, long timestamp) {
        long offset = nextOffset++;
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, timestamp,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, key, value,
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty())));
    }

    private static byte[] bytes(CleanArticle article) {
        try {
            ByteBuffer buffer = article.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long committed() {
        return consumer.lastCommitted(P0);
    }

    private double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldIndexEveryRecordThroughWriteAliasWithExternalVersions() {
        start();
        produce("a");
        produce("b");
        produce("c");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(3));
        assertThat(elasticsearch.ids()).containsExactly("a", "b", "c");
        FakeElasticsearch.Item first = elasticsearch.items().get(0);
        assertThat(first.index()).isEqualTo("articles");
        assertThat(first.versionType()).isEqualTo("external_gte");
        assertThat(first.version()).isEqualTo(Instant.parse("2025-03-01T10:00:05Z").toEpochMilli()); // processedAt
        assertThat(first.document().path("statementCount").asInt()).isZero();
        assertThat(elasticsearch.requests()).allMatch(line -> line.contains("require_alias=true"));
        assertThat(counter("newsflow.sink.docs.indexed")).isEqualTo(3);
        await().untilAsserted(() -> assertThat(sink.health().check().status()).isEqualTo(Health.Status.UP));
    }

    @Test
    void shouldRetryPerItem429WithBackoffInsteadOfFailing() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("b") && attempt <= 3 ? Reply.error(429, "es_rejected_execution_exception") : Reply.ok());
        start();
        produce("a");
        produce("b");
        produce("c");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(3));
        assertThat(elasticsearch.attemptsFor("b")).isEqualTo(4);
        assertThat(elasticsearch.attemptsFor("a")).isEqualTo(1);
        assertThat(deadLetters.published()).isEmpty();
        assertThat(counter("newsflow.sink.docs.retried")).isEqualTo(3);
        assertThat(fatal.get()).isNull();
    }

    @Test
    void shouldNeverCommitPastRecordThatIsStillBeingRetried() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("b") && attempt <= 8 ? Reply.error(503, "unavailable_shards_exception") : Reply.ok());
        start(settings(1000, List.of()));
        produce("a");
        produce("b");
        produce("c");

        await().untilAsserted(() -> assertThat(elasticsearch.attemptsFor("b")).isGreaterThanOrEqualTo(3));
        assertThat(committed()).isLessThanOrEqualTo(1);
        assertThat(elasticsearch.attemptsFor("c")).isEqualTo(1);
        await().untilAsserted(() -> assertThat(committed()).isEqualTo(3));
    }

    @Test
    void shouldNeverDeadLetterAnItemThatKeepsGetting429() {
        // more attempts than the retry budget the sink used to have (12): a 429 is never the record's fault
        elasticsearch.script((action, id, attempt) ->
                id.equals("unlucky") && attempt <= 20 ? Reply.error(429, "es_rejected_execution_exception") : Reply.ok());
        start();
        produce("a");
        produce("unlucky");
        produce("c");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(3));
        assertThat(elasticsearch.attemptsFor("unlucky")).isEqualTo(21);
        assertThat(deadLetters.published()).isEmpty();
        assertThat(meters.get("newsflow.sink.environment.faults").tag("cause", "overloaded").counter().count())
                .isEqualTo(20);
    }

    @Test
    void shouldHoldEveryRecordWhileAWriteBlockHoldsAndIndexThemOnceItIsCleared() {
        AtomicBoolean blocked = new AtomicBoolean(true);
        elasticsearch.script((action, id, attempt) -> blocked.get()
                ? new Reply(403, "cluster_block_exception",
                        "index [articles-000001] blocked by: [FORBIDDEN/8/index write (api)];")
                : Reply.ok());
        start();
        for (int i = 0; i < 30; i++) {
            produce("doc-" + i);
        }

        await().untilAsserted(() -> assertThat(sink.health().check().detail()).contains("cluster_block"));
        assertThat(sink.health().check().status()).isEqualTo(Health.Status.DEGRADED);
        await().until(() -> elasticsearch.attemptsFor("doc-0") >= 4);
        assertThat(committed()).isZero();
        assertThat(consumer.paused()).contains(P0);
        assertThat(meters.get("newsflow.sink.environment.faults").tag("cause", "cluster_block").counter().count())
                .isPositive();

        blocked.set(false);

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(30));
        assertThat(deadLetters.published()).isEmpty();
        assertThat(java.util.Set.copyOf(elasticsearch.ids())).hasSize(30);
        assertThat(counter("newsflow.sink.docs.indexed")).isEqualTo(30);
        await().untilAsserted(() -> assertThat(sink.health().check().status()).isEqualTo(Health.Status.UP));
    }

    @Test
    void shouldOpenTheBreakerWhenEveryDocumentIsRejectedTheSameWayAndDeadLetterNone() {
        AtomicBoolean mappingBehind = new AtomicBoolean(true);
        elasticsearch.script((action, id, attempt) -> mappingBehind.get()
                ? new Reply(400, "strict_dynamic_mapping_exception", "[1:" + (100 + id.length() * 7) + "] mapping set"
                        + " to strict, dynamic introduction of [newField] within [_doc] is not allowed")
                : Reply.ok());
        start(settings(1000, List.of(), new SinkSettings.Breaker(3, Duration.ofSeconds(30))));
        for (int i = 0; i < 12; i++) {
            produce("doc-" + i);
        }

        await().untilAsserted(() -> assertThat(sink.health().check().detail())
                .contains("circuit breaker open").contains("strict_dynamic_mapping_exception"));
        assertThat(meters.get("newsflow.sink.breaker.open").gauge().value()).isEqualTo(1);
        await().untilAsserted(() -> assertThat(consumer.paused()).contains(P0));
        assertThat(deadLetters.published()).isEmpty();
        assertThat(committed()).isZero();

        mappingBehind.set(false);

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(12));
        assertThat(deadLetters.published()).isEmpty();
        assertThat(elasticsearch.ids()).containsAll(List.of("doc-0", "doc-5", "doc-11"));
        assertThat(meters.get("newsflow.sink.environment.faults").tag("cause", "repeated_rejection").counter().count())
                .isEqualTo(1);
        await().untilAsserted(() -> assertThat(sink.health().check().status()).isEqualTo(Health.Status.UP));
    }

    @Test
    void shouldStopWithoutWaitingForTheVerdictOnARecordTheBreakerHolds() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("last") ? Reply.error(400, "document_parsing_exception") : Reply.ok());
        start(settings(1000, List.of(), new SinkSettings.Breaker(10, Duration.ofMinutes(5))));
        produce("a");
        produce("last");
        await().until(() -> elasticsearch.attemptsFor("last") == 1);
        await().untilAsserted(() -> assertThat(committed()).isEqualTo(1));

        long start = System.nanoTime();
        sink.close();

        // the shutdown timeout is 5 s; a held suspect must not make the stop wait for it
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(sink.isStopped()).isTrue();
        assertThat(committed()).isEqualTo(1);
        assertThat(deadLetters.published()).isEmpty();
    }

    @Test
    void shouldRetryDecodingWhileTheRegistryIsUnavailable() {
        AtomicInteger registryFailures = new AtomicInteger(3);
        deserializer = (topic, data) -> {
            if (registryFailures.getAndDecrement() > 0) {
                throw new RegistryUnavailableException("registry down for the test",
                        new SchemaRegistryException("http://registry.test", "fetch schema 1", null, 0, 0, "no answer", null));
            }
            return AVRO.deserialize(topic, data);
        };
        start();
        produce("a");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(1));
        assertThat(elasticsearch.ids()).containsExactly("a");
        assertThat(deadLetters.published()).isEmpty();
        assertThat(meters.get("newsflow.sink.environment.faults").tag("cause", "registry_unavailable").counter()
                .count()).isEqualTo(3);
    }

    @Test
    void shouldDeadLetterAMappingErrorAtOnceWithElasticsearchsTypeAndTheSource() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("bad") ? Reply.error(400, "document_parsing_exception") : Reply.ok());
        start();
        produce("a");
        produce("bad");
        produce("c");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(3));
        assertThat(elasticsearch.attemptsFor("bad")).isEqualTo(1);
        DeadLetter letter = deadLetters.published().getFirst();
        assertThat(letter.getStage()).isEqualTo(Stage.SINK);
        assertThat(letter.getReason()).isEqualTo(FailureReason.REJECTED_BY_INDEX);
        assertThat(letter.getErrorClass()).isEqualTo("document_parsing_exception");
        assertThat(letter.getMessage()).isEqualTo("document_parsing_exception for the test");
        assertThat(letter.getArticleId()).isEqualTo("bad");
        assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(letter.getSourcePartition()).isZero();
        assertThat(letter.getSourceOffset()).isEqualTo(1L);
        assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalKey()).toString()).isEqualTo("bad");
        assertThat(letter.getOriginalValue().remaining()).isPositive();
        assertThat(elasticsearch.ids()).contains("a", "c");
    }

    @Test
    void shouldCountADeadLetteredRecordAsDoneOnlyOnceItsDeadLetterIsAcknowledged() {
        deadLetters.holdAcknowledgements();
        elasticsearch.script((action, id, attempt) ->
                id.equals("bad") ? Reply.error(400, "mapper_parsing_exception") : Reply.ok());
        start();
        produce("a");
        produce("bad");
        produce("c");

        await().untilAsserted(() -> assertThat(deadLetters.published()).hasSize(1));
        await().untilAsserted(() -> assertThat(elasticsearch.ids()).contains("c"));
        await().during(Duration.ofMillis(200)).untilAsserted(() -> assertThat(committed()).isEqualTo(1));

        deadLetters.acknowledgeAll();

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(3));
    }

    @Test
    void shouldDeadLetterValueThatIsNotCleanArticleAsUndecodable() {
        start();
        produce("a".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2, 3}, 0L);
        produce("b");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(2));
        assertThat(deadLetters.published()).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).isEqualTo(FailureReason.UNDECODABLE));
        assertThat(elasticsearch.ids()).containsExactly("b");
    }

    @Test
    void shouldRetryFailedBulkRequestsAsEnvironmentFaults() {
        elasticsearch.failRequests(6, 503);
        start(settings(1000, List.of()));
        produce("a");
        produce("b");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(2));
        assertThat(deadLetters.published()).isEmpty();
        assertThat(counter("newsflow.sink.bulk.failures")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldStopWithoutCommittingOnAnErrorAConfiguredRuleCallsFatal() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("b") ? Reply.error(404, "index_not_found_exception") : Reply.ok());
        start(settings(1000, List.of(ErrorRule.type("index_not_found_exception", ErrorAction.FATAL))));
        produce("a");
        produce("b");
        produce("c");

        await().untilAsserted(() -> assertThat(fatal.get()).isNotNull());
        await().until(sink::isStopped);
        assertThat(fatal.get()).hasMessageContaining("index_not_found_exception").hasMessageContaining("@1");
        assertThat(committed()).isLessThanOrEqualTo(1);
        assertThat(sink.health().check().status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void shouldTreatVersionConflictAsDone() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("old") ? Reply.error(409, "version_conflict_engine_exception") : Reply.ok());
        start();
        produce("old");
        produce("b");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(2));
        assertThat(counter("newsflow.sink.docs.version.conflicts")).isEqualTo(1);
        assertThat(deadLetters.published()).isEmpty();
    }

    @Test
    void shouldDeleteOnTombstone() {
        start();
        produce("gone".getBytes(StandardCharsets.UTF_8), null, 1_750_000_000_000L);

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(1));
        FakeElasticsearch.Item item = elasticsearch.items().getFirst();
        assertThat(item.action()).isEqualTo("delete");
        assertThat(item.id()).isEqualTo("gone");
        assertThat(item.version()).isEqualTo(1_750_000_000_000L);
        assertThat(item.versionType()).isEqualTo("external_gte");
        assertThat(counter("newsflow.sink.docs.deleted")).isEqualTo(1);
    }

    @Test
    void shouldLetConfiguredRuleOverrideDefaultTable() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("b") ? Reply.error(429, "es_rejected_execution_exception") : Reply.ok());
        start(settings(1000, List.of(ErrorRule.type("es_rejected_execution_exception", ErrorAction.DEAD_LETTER))));
        produce("a");
        produce("b");

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(2));
        assertThat(elasticsearch.attemptsFor("b")).isEqualTo(1);
        assertThat(deadLetters.published()).hasSize(1);
    }

    @Test
    void shouldKeepGoingWhenMoreRecordsArriveThanMayBeInFlight() {
        start(settings(3, List.of()));
        for (int i = 0; i < 40; i++) {
            produce("doc-" + i);
        }

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(40));
        assertThat(elasticsearch.items()).hasSize(40);
    }

    @Test
    void shouldCommitWhatWasAcknowledgedWhenPartitionIsRevoked() {
        elasticsearch.script((action, id, attempt) ->
                id.equals("slow") ? Reply.error(429, "es_rejected_execution_exception") : Reply.ok());
        start(settings(1000, List.of()));
        produce("a");
        produce("slow");
        await().untilAsserted(() -> assertThat(elasticsearch.attemptsFor("slow")).isGreaterThanOrEqualTo(2));

        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));

        await().untilAsserted(() -> assertThat(committed()).isEqualTo(1));
        await().untilAsserted(() -> assertThat(sink.health().check().detail()).contains("no partitions assigned"));
        int attempts = elasticsearch.attemptsFor("slow");
        await().during(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(elasticsearch.attemptsFor("slow")).isLessThanOrEqualTo(attempts + 1));
        assertThat(committed()).isEqualTo(1);
        assertThat(consumer.commits()).allSatisfy(commit -> assertThat(commit.get(P0)).isLessThanOrEqualTo(1L));
    }
}
