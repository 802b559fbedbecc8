package io.newsflow.sink.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.avro.HealthEvidence;
import io.newsflow.avro.HealthWindow;
import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SourceState;
import io.newsflow.avro.SpamSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceHealthDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-08T00:30:00Z");

    static SourceHealth compromised() {
        return SourceHealth.newBuilder().setSource("Warta Nusantara").setSite("warta.example")
                .setState(SourceState.COMPROMISED).setPreviousState(SourceState.SUSPECT).setChangedAt(AT)
                .setReason("3 of 3 articles in the 1h window carried spam")
                .setWindow(HealthWindow.newBuilder().setSize("PT1H").setStart(Instant.parse("2026-03-08T00:00:00Z"))
                        .setEnd(Instant.parse("2026-03-08T01:00:00Z")).build())
                .setEvidence(HealthEvidence.newBuilder().setArticles(3).setSpamArticles(3).setSpamLines(4)
                        .setSpamLinesByRule(Map.of("spam-link-farm", 3L, "spam-hidden-links", 1L))
                        .setFirstSpamArticleId("a1").setFirstSpamUrl("https://warta.example/a1").setFirstSpamAt(AT)
                        .setLastSpamAt(AT).setSamples(List.of(new SpamSample("a1", "spam-link-farm", "slot gacor")))
                        .build())
                .build();
    }

    @Test
    void shouldWriteEveryFieldTheMappingKnowsAndNoOther() {
        JsonNode doc = JSON.valueToTree(SourceHealthDocuments.document(compromised()));

        assertThat(doc.path("state").asText()).isEqualTo("COMPROMISED");
        assertThat(doc.path("previousState").asText()).isEqualTo("SUSPECT");
        assertThat(doc.path("changedAt").asText()).isEqualTo("2026-03-08T00:30:00Z");
        assertThat(doc.path("window").path("size").asText()).isEqualTo("PT1H");
        assertThat(doc.path("evidence").path("spamRules")).extracting(JsonNode::asText)
                .containsExactly("spam-hidden-links", "spam-link-farm");
        assertThat(doc.path("evidence").path("samples").path(0).path("rule").asText()).isEqualTo("spam-link-farm");
        assertThat(unmapped(doc, SourceHealthDocuments.mappings().path("properties"), "")).isEmpty();
    }

    @Test
    void shouldKeepOneDocumentPerSourceAndOnePerTransition() {
        SourceHealth event = compromised();

        assertThat(SourceHealthDocuments.currentId(event)).isEqualTo("Warta Nusantara");
        assertThat(SourceHealthDocuments.version(event)).isEqualTo(AT.toEpochMilli());
        assertThat(SourceHealthDocuments.transitionId(event)).isEqualTo("Warta Nusantara|" + AT.toEpochMilli()
                + "|COMPROMISED");
    }

    @Test
    void shouldWriteNoPreviousStateForASourcesFirstEvent() {
        SourceHealth first = SourceHealth.newBuilder(compromised()).setPreviousState(null).build();

        assertThat(SourceHealthDocuments.document(first)).containsEntry("previousState", null);
    }

    /** Fields of the document the (strict) mapping does not declare. */
    private static List<String> unmapped(JsonNode doc, JsonNode properties, String prefix) {
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode mapping = properties.path(field.getKey());
            if (mapping.isMissingNode()) {
                missing.add(prefix + field.getKey());
            } else if (mapping.has("properties")) {
                JsonNode value = field.getValue().isArray() ? field.getValue().path(0) : field.getValue();
                missing.addAll(unmapped(value, mapping.path("properties"), prefix + field.getKey() + "."));
            }
        }
        return missing;
    }
}
