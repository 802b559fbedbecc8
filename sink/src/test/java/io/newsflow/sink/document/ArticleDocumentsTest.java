package io.newsflow.sink.document;

import static io.newsflow.sink.testing.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.Degradation;
import io.newsflow.avro.DegradationCause;
import io.newsflow.avro.DegradedStage;
import io.newsflow.avro.SpeechAct;
import io.newsflow.sink.index.IndexTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleDocumentsTest {

    private final CleanArticle sherman = article("a1")
            .statement("Wendy Sherman", "Deputy Secretary of State", SpeechAct.THREATEN, "There will be consequences")
            .statement("Wendy Sherman", "Deputy Secretary of State", SpeechAct.ASSERT)
            .statement("Sergei Ryabkov", null, SpeechAct.DENY, "We have no such plans")
            .statement(null, null, SpeechAct.REPORT)
            .spam("gambling-keywords", "sbobet login")
            .spam("gambling-keywords", "By gacor88")
            .spam("link-farm", "click here")
            .build();

    @Test
    void shouldKeepArticlesOwnFields() {
        Map<String, Object> doc = ArticleDocuments.toDocument(sherman);

        assertThat(doc).containsEntry("id", "a1")
                .containsEntry("site", "example.com")
                .containsEntry("language", "en")
                .containsEntry("title", "Talks resume in Geneva")
                .containsEntry("fetchedAt", "2025-03-01T10:00:00Z")
                .containsEntry("publishedAt", "2025-03-01T09:30:00Z")
                .containsEntry("tags", List.of("world"))
                .containsEntry("lead", List.of("The lead of a1."))
                .containsEntry("wordCount", 9);
        assertThat(doc.get("sections")).isEqualTo(List.of(
                Map.of("heading", "Background", "text", "First paragraph.\n\nA quotation.")));
    }

    @Test
    void shouldLeaveAbsentOptionalFieldsOutInsteadOfWritingNulls() {
        CleanArticle bare = CleanArticle.newBuilder(article("a2").build())
                .setTitle(null)
                .setPublishedAt(null)
                .setLanguage(null)
                .setFeedName(null)
                .build();

        assertThat(ArticleDocuments.toDocument(bare))
                .doesNotContainKeys("title", "publishedAt", "language", "feedName")
                .doesNotContainValue(null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNestStatementsWithSpeaker() {
        List<Map<String, Object>> statements =
                (List<Map<String, Object>>) ArticleDocuments.toDocument(sherman).get("statements");

        assertThat(statements).hasSize(4);
        assertThat(statements.get(0))
                .containsEntry("speaker", Map.of("name", "Wendy Sherman", "role", "Deputy Secretary of State"))
                .containsEntry("act", "THREATEN")
                .containsEntry("quotes", List.of("There will be consequences"))
                .containsEntry("via", "AFP")
                .containsEntry("section", -1)
                .containsEntry("block", 0)
                .containsEntry("confidence", 0.9f);
        assertThat(statements.get(2)).containsEntry("speaker", Map.of("name", "Sergei Ryabkov"));
        assertThat(statements.get(3)).doesNotContainKey("speaker");
    }

    @Test
    void shouldFlattenSpeakersAndActsIntoKeywordArraysLensCanCount() {
        Map<String, Object> doc = ArticleDocuments.toDocument(sherman);

        assertThat(doc).containsEntry("statementSpeakers", List.of("Wendy Sherman", "Sergei Ryabkov"))
                .containsEntry("statementActs", List.of("THREATEN", "ASSERT", "DENY", "REPORT"))
                .containsEntry("speakerActs",
                        List.of("Wendy Sherman: THREATEN", "Wendy Sherman: ASSERT", "Sergei Ryabkov: DENY"))
                .containsEntry("statementCount", 4);
    }

    @Test
    void shouldIndexEachSpamRemovalWithItsRule() {
        Map<String, Object> doc = ArticleDocuments.toDocument(sherman);

        assertThat(doc.get("spamRemoved")).isEqualTo(List.of(
                Map.of("text", "sbobet login", "rule", "gambling-keywords", "ruleVersion", 1),
                Map.of("text", "By gacor88", "rule", "gambling-keywords", "ruleVersion", 1),
                Map.of("text", "click here", "rule", "link-farm", "ruleVersion", 1)));
        assertThat(doc).containsEntry("spamRules", List.of("gambling-keywords", "link-farm"))
                .containsEntry("spamLinesRemoved", 3);
    }

    @Test
    void shouldVersionADocumentByItsEnrichmentTimeSoAReplayedNewerEnrichmentWins() {
        Instant fetched = Instant.parse("2025-03-01T10:00:00Z");
        Instant firstEnrichment = fetched.plusSeconds(5);
        Instant replay = fetched.plus(java.time.Duration.ofDays(30));

        long live = ArticleDocuments.version(article("a").fetchedAt(fetched).processedAt(firstEnrichment).build());
        long replayed = ArticleDocuments.version(article("a").fetchedAt(fetched).processedAt(replay).build());

        assertThat(live).isEqualTo(firstEnrichment.toEpochMilli());
        assertThat(replayed).as("same fetch, enriched again later: the newer enrichment wins").isGreaterThan(live);
        assertThat(ArticleDocuments.version(article("a").fetchedAt(fetched).processedAt(firstEnrichment).build()))
                .as("the older enrichment arriving late is not newer than the replay").isLessThan(replayed);
    }

    @Test
    void shouldIndexTheStagesADegradedArticleLacksWithTheirCause() throws Exception {
        CleanArticle degraded = CleanArticle.newBuilder(sherman)
                .setDegraded(List.of(Degradation.newBuilder().setStage(DegradedStage.STATEMENTS)
                        .setCause(DegradationCause.FAILED).setError("java.lang.IllegalStateException").build()))
                .build();

        Map<String, Object> doc = ArticleDocuments.toDocument(degraded);

        assertThat(doc.get("degraded")).isEqualTo(List.of(Map.of("stage", "STATEMENTS", "cause", "FAILED",
                "error", "java.lang.IllegalStateException")));
        assertThat(ArticleDocuments.toDocument(sherman).get("degraded")).isEqualTo(List.of());
        List<String> unmapped = new ArrayList<>();
        collectUnmapped(new ObjectMapper().valueToTree(doc), IndexTemplate.articles().mappings().path("properties"),
                "", unmapped);
        assertThat(unmapped).isEmpty();
    }

    @Test
    void shouldWriteOnlyFieldsTheStrictIndexTemplateMaps() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode document = json.valueToTree(ArticleDocuments.toDocument(sherman));
        JsonNode properties = IndexTemplate.articles().mappings().path("properties");

        List<String> unmapped = new ArrayList<>();
        collectUnmapped(document, properties, "", unmapped);

        assertThat(unmapped).isEmpty();
        assertThat(properties.path("statements").path("type").asText()).isEqualTo("nested");
    }

    private static void collectUnmapped(JsonNode value, JsonNode properties, String path, List<String> unmapped) {
        value.properties().forEach(field -> {
            JsonNode mapping = properties.get(field.getKey());
            String fieldPath = path + field.getKey();
            if (mapping == null) {
                unmapped.add(fieldPath);
                return;
            }
            List<JsonNode> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(values::add);
            } else {
                values.add(field.getValue());
            }
            for (JsonNode element : values) {
                boolean object = element.isObject();
                boolean mappedAsObject = mapping.has("properties");
                if (object != mappedAsObject) {
                    unmapped.add(fieldPath + " (shape)");
                } else if (object) {
                    collectUnmapped(element, mapping.get("properties"), fieldPath + ".", unmapped);
                }
            }
        });
    }
}
