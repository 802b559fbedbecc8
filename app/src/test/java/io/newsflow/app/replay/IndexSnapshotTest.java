package io.newsflow.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCompareTwoIdOrderedStreamsArticleByArticle() throws Exception {
        List<Map.Entry<String, JsonNode>> before = List.of(doc("a", "text a\npromo", "[]"), doc("b", "text b", "[]"),
                doc("c", "text c", "[]"), doc("c", "text c, an older generation's copy", "[]"));
        List<Map.Entry<String, JsonNode>> after = List.of(
                doc("a", "text a", "[{\"rule\":\"user-promo\",\"text\":\"promo\"}]"), doc("c", "text c", "[]"),
                doc("d", "text d", "[]"));

        ReplaySummary summary = IndexSnapshot.compare(before.iterator(), after.iterator());

        assertThat(summary.seen()).isEqualTo(4);
        assertThat(summary.changed()).as("a").isEqualTo(1);
        assertThat(summary.gone()).as("b").isEqualTo(1);
        assertThat(summary.created()).as("d").isEqualTo(1);
        assertThat(summary.byRule()).containsExactly(Map.entry("user-promo", new ReplaySummary.RuleChange(1, 0)));
    }

    private static Map.Entry<String, JsonNode> doc(String id, String text, String spam) throws Exception {
        return Map.entry(id, JSON.readTree("{\"id\":\"" + id + "\",\"text\":" + JSON.writeValueAsString(text)
                + ",\"spamRemoved\":" + spam + ",\"statements\":[]}"));
    }
}
