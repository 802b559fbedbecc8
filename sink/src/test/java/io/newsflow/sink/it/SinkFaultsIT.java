package io.newsflow.sink.it;

import static io.newsflow.sink.testing.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.common.ops.Health;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.document.ArticleDocuments;
import io.newsflow.sink.index.IndexSetup;
import io.newsflow.sink.index.IndexTemplate;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Environment faults and record faults on the stack's real Kafka, registry and Elasticsearch. */
@ExtendWith(StackExtension.class)
class SinkFaultsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void shouldDeadLetterNothingWhileAWriteBlockHoldsAndIndexEveryRecordOnceAfterIt(StackEndpoints endpoints)
            throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            for (int i = 0; i < 20; i++) {
                harness.produce(article("block-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }
            SinkHarness.RunningSink sink = harness.startSink("block");
            await().atMost(PATIENCE).until(() -> harness.committed("block") == 20);

            writeBlock(harness, true);
            for (int i = 20; i < 60; i++) {
                harness.produce(article("block-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(sink.sinkHealth().detail())
                    .contains("cluster_block"));
            assertThat(sink.sinkHealth().status()).isEqualTo(Health.Status.DEGRADED);
            // Far more attempts than the old retry budget would have allowed per record before dead-lettering.
            await().atMost(PATIENCE).until(() -> sink.environmentFaults("cluster_block") >= 200);
            assertThat(harness.committed("block")).isEqualTo(20);
            assertThat(harness.deadLetters(0, Duration.ofSeconds(2))).isEmpty();
            assertThat(harness.count()).isEqualTo(20);

            writeBlock(harness, false);

            await().atMost(PATIENCE).until(() -> harness.committed("block") == 60);
            Set<String> expected = new TreeSet<>();
            IntStream.range(0, 60).forEach(i -> expected.add("block-" + i));
            assertThat(harness.documents().keySet()).isEqualTo(expected);
            assertThat(harness.count()).isEqualTo(60);
            assertThat(harness.deadLetters(0, Duration.ofSeconds(2))).isEmpty();
            assertThat(sink.counter("newsflow.sink.docs.indexed")).isEqualTo(60);
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(sink.sinkHealth().status()).isEqualTo(Health.Status.UP));
            assertThat(sink.failure().get()).isNull();
        }
    }

    @Test
    void shouldBringAnOlderMappingUpToTheTemplateWithoutASingleDeadLetter(StackEndpoints endpoints) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            // The live index of an older release: the current template's mappings without the field wordCount.
            ObjectNode older = (ObjectNode) IndexTemplate.articles().mappings().deepCopy();
            ((ObjectNode) older.get("properties")).remove("wordCount");
            String index = IndexSetup.firstIndex(harness.alias);
            harness.elasticsearch.indices().create(c -> c.index(index)
                    .mappings(TypeMapping.of(m -> m.withJson(new StringReader(older.toString()))))
                    .aliases(harness.alias, a -> a.isWriteIndex(true)));
            // Without the upgrade, the strict mapping refuses every document the current release writes.
            assertThatThrownBy(() -> harness.elasticsearch.index(i -> i.index(harness.alias).id("probe")
                    .document(ArticleDocuments.toDocument(article("probe").build()))))
                    .isInstanceOf(ElasticsearchException.class)
                    .hasMessageContaining("strict_dynamic_mapping_exception");

            for (int i = 0; i < 30; i++) {
                harness.produce(article("upgrade-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }
            SinkHarness.RunningSink sink = harness.startSink("upgrade");

            await().atMost(PATIENCE).until(() -> harness.committed("upgrade") == 30);
            assertThat(harness.count()).isEqualTo(30);
            assertThat(harness.documents().get("upgrade-7").path("wordCount").isInt()).isTrue();
            assertThat(harness.deadLetters(0, Duration.ofSeconds(2))).isEmpty();
            assertThat(sink.counter("newsflow.sink.docs.dead.lettered")).isZero();
            var live = harness.elasticsearch.indices().getMapping(m -> m.index(index)).get(index).mappings();
            assertThat(live.properties().get("wordCount").isInteger()).isTrue();
            assertThat(harness.elasticsearch.indices().getAlias(a -> a.name(harness.alias)).aliases())
                    .containsOnlyKeys(index);
        }
    }

    @Test
    void shouldStillDeadLetterAPoisonRecordAndABadDocumentAmongGoodOnesWithTheirReasons(StackEndpoints endpoints)
            throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            harness.breaker(new SinkSettings.Breaker(3, Duration.ofSeconds(30)));
            List<String> good = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i == 10) {
                    harness.produceRaw("poison", "not avro at all".getBytes(StandardCharsets.UTF_8));
                } else if (i == 25) {
                    harness.produce(article("bad-date").publishedAt(Instant.parse("+1000000-01-01T00:00:00Z"))
                            .build());
                } else {
                    good.add("good-" + i);
                    harness.produce(article("good-" + i).fetchedAt(T0.plusSeconds(i)).build());
                }
            }
            SinkHarness.RunningSink sink = harness.startSink("poison");

            await().atMost(PATIENCE).until(() -> harness.committed("poison") == 40);
            assertThat(harness.documents().keySet()).containsExactlyInAnyOrderElementsOf(good);
            List<DeadLetter> letters = harness.deadLetters(2, PATIENCE);
            assertThat(letters).hasSize(2);
            assertThat(letters).anySatisfy(letter -> {
                assertThat(letter.getReason()).isEqualTo(FailureReason.UNDECODABLE);
                assertThat(letter.getSourceOffset()).isEqualTo(10L);
                assertThat(letter.getErrorClass()).contains("SerializationException");
            });
            assertThat(letters).anySatisfy(letter -> {
                assertThat(letter.getReason()).isEqualTo(FailureReason.REJECTED_BY_INDEX);
                assertThat(letter.getArticleId()).isEqualTo("bad-date");
                assertThat(letter.getSourceOffset()).isEqualTo(25L);
                assertThat(letter.getMessage()).contains("publishedAt");
            });
            assertThat(sink.environmentFaults("repeated_rejection")).isZero();
        }
    }

    @Test
    void shouldOpenTheBreakerWhenEveryDocumentIsRefusedAndIndexEveryOneOnceTheMappingIsFixed(
            StackEndpoints endpoints) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            harness.breaker(new SinkSettings.Breaker(5, Duration.ofSeconds(30)));
            for (int i = 0; i < 10; i++) {
                harness.produce(article("breaker-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }
            SinkHarness.RunningSink sink = harness.startSink("breaker");
            await().atMost(PATIENCE).until(() -> harness.committed("breaker") == 10);

            // While the sink runs, the alias's write index moves to one whose mapping lacks wordCount (a name
            // outside the template's pattern, so the template does not fill the field in).
            String legacy = harness.alias + "_legacy";
            ObjectNode older = (ObjectNode) IndexTemplate.articles().mappings().deepCopy();
            ((ObjectNode) older.get("properties")).remove("wordCount");
            harness.elasticsearch.indices().create(c -> c.index(legacy)
                    .mappings(TypeMapping.of(m -> m.withJson(new StringReader(older.toString())))));
            harness.elasticsearch.indices().updateAliases(u -> u
                    .actions(a -> a.add(add -> add.index(IndexSetup.firstIndex(harness.alias)).alias(harness.alias)
                            .isWriteIndex(false)))
                    .actions(a -> a.add(add -> add.index(legacy).alias(harness.alias).isWriteIndex(true))));
            for (int i = 10; i < 40; i++) {
                harness.produce(article("breaker-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(sink.sinkHealth().detail())
                    .contains("circuit breaker open").contains("strict_dynamic_mapping_exception"));
            assertThat(sink.meters().get("newsflow.sink.breaker.open").gauge().value()).isEqualTo(1);
            assertThat(sink.environmentFaults("repeated_rejection")).isEqualTo(1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> harness.committed("breaker") == 10);
            assertThat(harness.deadLetters(0, Duration.ofSeconds(2))).isEmpty();

            harness.elasticsearch.indices().putMapping(p -> p.index(legacy)
                    .properties("wordCount", f -> f.integer(n -> n)));

            await().atMost(PATIENCE).until(() -> harness.committed("breaker") == 40);
            Set<String> expected = new TreeSet<>();
            IntStream.range(0, 40).forEach(i -> expected.add("breaker-" + i));
            assertThat(harness.documents().keySet()).isEqualTo(expected);
            assertThat(harness.count()).isEqualTo(40);
            assertThat(harness.deadLetters(0, Duration.ofSeconds(2))).isEmpty();
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(sink.sinkHealth().status()).isEqualTo(Health.Status.UP));
            assertThat(sink.meters().get("newsflow.sink.breaker.open").gauge().value()).isZero();
        }
    }

    private static void writeBlock(SinkHarness harness, boolean on) throws Exception {
        harness.elasticsearch.indices().putSettings(s -> s.index(harness.alias)
                .settings(i -> i.blocks(b -> b.write(on))));
    }
}
