package io.newsflow.sink.it;

import static io.newsflow.sink.testing.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.SpeechAct;
import io.newsflow.avro.Stage;
import io.newsflow.sink.index.IndexGenerations;
import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink against the stack's real Kafka, Schema Registry and Elasticsearch (the integ-test-zip distribution). */
@ExtendWith(StackExtension.class)
class SinkIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void shouldGiveTheSameDocumentsWhenIndexingTheSameRecordsTwice(StackEndpoints endpoints) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            for (int i = 0; i < 30; i++) {
                harness.produce(article("replay-" + i).site("site" + (i % 3) + ".example")
                        .statement("Wendy Sherman", "Deputy Secretary", SpeechAct.WARN, "Quote " + i)
                        .spam("gambling-keywords", "sbobet " + i)
                        .build());
            }
            harness.startSink("replay-a");
            await().atMost(PATIENCE).until(() -> harness.committed("replay-a") == 30);
            Map<String, JsonNode> first = harness.documents();

            harness.startSink("replay-b");
            await().atMost(PATIENCE).until(() -> harness.committed("replay-b") == 30);
            Map<String, JsonNode> second = harness.documents();

            assertThat(first).hasSize(30);
            assertThat(second).isEqualTo(first);
            assertThat(second.get("replay-7").path("speakerActs").get(0).asText()).isEqualTo("Wendy Sherman: WARN");
        }
    }

    @Test
    void shouldChangeNothingWhenAnOlderVersionArrivesAfterANewerOne(StackEndpoints endpoints) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            harness.produce(article("versioned").fetchedAt(T0.plusSeconds(3600)).title("newer").build());
            harness.produce(article("versioned").fetchedAt(T0).title("older").build());
            harness.produce(article("doomed").build());
            harness.tombstone("doomed", System.currentTimeMillis());
            SinkHarness.RunningSink sink = harness.startSink("versions");

            await().atMost(PATIENCE).until(() -> harness.committed("versions") == 4);
            Map<String, JsonNode> documents = harness.documents();
            assertThat(documents).containsOnlyKeys("versioned");
            assertThat(documents.get("versioned").path("title").asText()).isEqualTo("newer");
            assertThat(sink.counter("newsflow.sink.docs.version.conflicts")).isEqualTo(1);
            assertThat(sink.counter("newsflow.sink.docs.deleted")).isEqualTo(1);
        }
    }

    @Test
    void shouldDeadLetterADocumentElasticsearchRejectsWithItsReason(StackEndpoints endpoints) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            harness.produce(article("before").build());
            // A year the date field cannot parse: Elasticsearch rejects this document, not the others.
            harness.produce(article("rejected").publishedAt(Instant.parse("+1000000-01-01T00:00:00Z")).build());
            harness.produce(article("after").build());
            harness.startSink("rejects");

            await().atMost(PATIENCE).until(() -> harness.committed("rejects") == 3);
            assertThat(harness.documents()).containsOnlyKeys("before", "after");
            List<DeadLetter> letters = harness.deadLetters(1, PATIENCE);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.getStage()).isEqualTo(Stage.SINK);
                assertThat(letter.getReason()).isEqualTo(FailureReason.REJECTED_BY_INDEX);
                assertThat(letter.getErrorClass()).isIn("document_parsing_exception", "mapper_parsing_exception");
                assertThat(letter.getMessage()).contains("publishedAt");
                assertThat(letter.getArticleId()).isEqualTo("rejected");
                assertThat(letter.getSourceTopic()).isEqualTo(harness.topics.clean().name());
                assertThat(letter.getSourceOffset()).isEqualTo(1L);
                assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalKey()).toString()).isEqualTo("rejected");
                assertThat(letter.getOriginalValue().remaining()).isPositive();
            });
        }
    }

    @Test
    void shouldMatchANestedSpeakerAndActQueryOnlyWithinOneStatement(StackEndpoints endpoints) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            harness.produce(article("threat").statement("Wendy Sherman", "Deputy Secretary", SpeechAct.THREATEN,
                    "There will be costs").build());
            // Sherman speaks and someone threatens, but not in the same statement: must not match.
            harness.produce(article("mixed")
                    .statement("Wendy Sherman", "Deputy Secretary", SpeechAct.ASSERT)
                    .statement("Sergei Ryabkov", null, SpeechAct.THREATEN)
                    .build());
            harness.produce(article("other").statement("Antony Blinken", null, SpeechAct.THREATEN).build());
            harness.startSink("nested");
            await().atMost(PATIENCE).until(() -> harness.committed("nested") == 3);

            Query nested = Query.of(q -> q.nested(n -> n.path("statements").query(inner -> inner.bool(b -> b
                    .filter(f -> f.term(t -> t.field("statements.speaker.name").value("Wendy Sherman")))
                    .filter(f -> f.term(t -> t.field("statements.act").value("THREATEN")))))));

            assertThat(harness.idsWhere(nested)).containsExactly("threat");
        }
    }

    @Test
    void shouldLoseNothingWhenElasticsearchIsDownMidRun(StackEndpoints endpoints, Stack stack) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            for (int i = 0; i < 100; i++) {
                harness.produce(article("outage-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }
            SinkHarness.RunningSink first = harness.startSink("outage");
            await().atMost(PATIENCE).until(() -> harness.committed("outage") == 100);

            stack.stop(Server.ELASTICSEARCH);
            for (int i = 100; i < 200; i++) {
                harness.produce(article("outage-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }
            // While Elasticsearch is down nothing can be acknowledged, so nothing past offset 100 may be committed.
            List<Long> committedDuringOutage = new ArrayList<>();
            await().pollInterval(Duration.ofMillis(250)).during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                    .until(() -> {
                        committedDuringOutage.add(harness.committed("outage"));
                        return harness.committed("outage") == 100;
                    });
            assertThat(first.sinkHealth().status().name()).isEqualTo("DEGRADED");
            // A sink stopped during the outage commits only what was acknowledged; a new one takes over.
            first.close();
            assertThat(harness.committed("outage")).isEqualTo(100);
            SinkHarness.RunningSink second = harness.startSink("outage");
            for (int i = 200; i < 250; i++) {
                harness.produce(article("outage-" + i).fetchedAt(T0.plusSeconds(i)).build());
            }
            stack.start(Server.ELASTICSEARCH);

            await().atMost(Duration.ofMinutes(3)).until(() -> harness.committed("outage") == 250);
            Set<String> expected = new TreeSet<>();
            IntStream.range(0, 250).forEach(i -> expected.add("outage-" + i));
            assertThat(harness.documents().keySet()).isEqualTo(expected);
            assertThat(harness.count()).isEqualTo(250);
            assertThat(committedDuringOutage).allSatisfy(offset -> assertThat(offset).isEqualTo(100L));
            assertThat(harness.deadLetters(0, Duration.ofSeconds(2))).isEmpty();
            assertThat(second.failure().get()).isNull();
            assertThat(first.counter("newsflow.sink.bulk.failures")).isPositive();
        }
    }

    @Test
    void shouldDeleteARetractedArticleFromEveryIndexGeneration(StackEndpoints endpoints) throws Exception {
        try (SinkHarness harness = new SinkHarness(endpoints)) {
            String first = harness.alias + "-000001";
            String second = harness.alias + "-000002";
            harness.produce(article("retracted").build());
            harness.produce(article("kept").build());
            SinkHarness.RunningSink sink = harness.startSink("generations");
            await().atMost(PATIENCE).until(() -> harness.committed("generations") == 2);

            // A replay's switch: a new write index behind the alias, the old one kept behind <alias>-previous.
            harness.elasticsearch.indices().create(c -> c.index(second));
            harness.elasticsearch.indices().updateAliases(u -> u
                    .actions(a -> a.remove(r -> r.index(first).alias(harness.alias)))
                    .actions(a -> a.add(r -> r.index(first).alias(IndexGenerations.previousAlias(harness.alias))))
                    .actions(a -> a.add(r -> r.index(second).alias(harness.alias).isWriteIndex(true))));
            harness.produce(article("retracted").processedAt(T0.plusSeconds(60)).title("replayed").build());
            await().atMost(PATIENCE).until(() -> harness.committed("generations") == 3);
            assertThat(exists(harness, first, "retracted")).isTrue();
            assertThat(exists(harness, second, "retracted")).isTrue();

            harness.tombstone("retracted", System.currentTimeMillis());

            await().atMost(PATIENCE).until(() -> harness.committed("generations") == 4);
            assertThat(exists(harness, second, "retracted")).as("deleted from the write index").isFalse();
            assertThat(exists(harness, first, "retracted")).as("deleted from the previous generation").isFalse();
            assertThat(exists(harness, first, "kept")).as("the other article stays").isTrue();
            assertThat(sink.counter("newsflow.sink.docs.deleted")).isEqualTo(2);
        }
    }

    private static boolean exists(SinkHarness harness, String index, String id) throws Exception {
        return harness.elasticsearch.exists(e -> e.index(index).id(id)).value();
    }
}
