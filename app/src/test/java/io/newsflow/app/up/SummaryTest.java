package io.newsflow.app.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    /** An Elasticsearch answer to the summary's search, shaped as Elasticsearch 9 writes it. */
    private static final String ANSWER = """
            {"hits": {"total": {"value": 3, "relation": "eq"},
                      "hits": [{"_source": {"title": "Pembicaraan Keamanan AS-Rusia: Apa yang Kami Ketahui"}}]},
             "aggregations": {
               "sources": {"buckets": [
                 {"key": "Warta Nusantara", "doc_count": 1, "spam": {"doc_count": 2, "rules": {"buckets": [
                    {"key": "hidden-link-block", "doc_count": 1}, {"key": "gambling-call-to-action", "doc_count": 1}]}}},
                 {"key": "Harbour Times", "doc_count": 1, "spam": {"doc_count": 0, "rules": {"buckets": []}}},
                 {"key": "Kabar Dunia", "doc_count": 1, "spam": {"doc_count": 2, "rules": {"buckets": [
                    {"key": "spam-footer", "doc_count": 2}]}}}]},
               "statements": {"doc_count": 19, "speakers": {"buckets": [
                 {"key": "Wendy Sherman", "doc_count": 6}, {"key": "Maria Okafor", "doc_count": 2}]}}}}
            """;

    @Test
    void shouldReadTheSummaryFromElasticsearchsAnswer() throws Exception {
        Summary summary = Summary.parse(new ObjectMapper().readTree(ANSWER));

        assertThat(summary.articles()).isEqualTo(3);
        assertThat(summary.sources()).extracting(Summary.Source::name)
                .containsExactly("Harbour Times", "Kabar Dunia", "Warta Nusantara");
        assertThat(summary.sources().get(2).spamByRule())
                .containsExactly(entry("hidden-link-block", 1L), entry("gambling-call-to-action", 1L));
        assertThat(summary.speakers()).containsExactly("Wendy Sherman", "Maria Okafor");
        assertThat(summary.sampleWord()).isEqualTo("pembicaraan");
    }

    @Test
    void shouldRenderATablePerSourceAndReadyToPasteQueries() {
        Summary summary = new Summary(2, List.of(
                new Summary.Source("Harbour Times", 1, Map.of()),
                new Summary.Source("Kabar Dunia", 1, Map.of("spam-footer", 2L))),
                List.of("Wendy Sherman"), "jenewa");

        String text = summary.render("http://127.0.0.1:19200", "articles", Duration.ofMillis(41_250),
                "feed broken.xml failed: NOT_WELL_FORMED");

        assertThat(text).contains("2 articles indexed; the first 41.3 s after start.")
                .containsPattern("Harbour Times\\s+1\\s+0\n")
                .containsPattern("Kabar Dunia\\s+1\\s+2 \\(spam-footer 2\\)\n")
                .contains("top speakers: Wendy Sherman")
                .contains("last error (the broken demo feed shows what one looks like): feed broken.xml failed")
                .contains("curl -s 'http://127.0.0.1:19200/articles/_search?pretty' -H 'Content-Type: application/json'"
                        + " -d '{\"query\": {\"multi_match\": {\"query\": \"jenewa\", \"fields\": [\"title\", \"text\"]}},"
                        + " \"_source\": [\"title\", \"feedName\", \"language\", \"url\"]}'\n")
                .contains("\"query\": \"jenewa\"")
                .contains("{\"term\": {\"statements.speaker.name\": \"Wendy Sherman\"}}")
                .contains("\"path\": \"spamRemoved\"");
    }

    @Test
    void shouldLeaveOutTheSpeakerQueryWhenNoStatementHasASpeaker() {
        String text = new Summary(1, List.of(), List.of(), "o'neil\"s").render("http://h:1", "articles",
                Duration.ZERO, null);

        assertThat(text).doesNotContain("statements.speaker.name").doesNotContain("last error")
                .contains("\"query\": \"o'\\''neil\\\"s\"");
    }

    @Test
    void shouldPrintTheSourceHealthLinesBeforeTheQueries() {
        String text = new Summary(1, List.of(), List.of(), "harga").render("http://h:1", "articles", Duration.ZERO,
                null, "\n  source health (newsflow sources; docs/sources.md):\n  Warta Nusantara  COMPROMISED\n");

        assertThat(text.indexOf("Warta Nusantara  COMPROMISED")).isPositive().isLessThan(text.indexOf("Try these"));
    }
}
