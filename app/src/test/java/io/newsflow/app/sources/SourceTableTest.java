package io.newsflow.app.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.HealthEvidence;
import io.newsflow.avro.HealthWindow;
import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SourceState;
import io.newsflow.avro.SpamSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceTableTest {
    private static final Instant T = Instant.parse("2026-03-08T00:30:00Z");

    private static SourceHealth event(String source, SourceState state, Instant at, String reason) {
        boolean spam = state != SourceState.CLEAN;
        return SourceHealth.newBuilder().setSource(source).setSite(source.toLowerCase().replace(' ', '-') + ".example")
                .setState(state).setPreviousState(null).setChangedAt(at).setReason(reason)
                .setWindow(HealthWindow.newBuilder().setSize("PT1H").setStart(at).setEnd(at.plusSeconds(3600)).build())
                .setEvidence(HealthEvidence.newBuilder().setArticles(3).setSpamArticles(spam ? 3 : 0)
                        .setSpamLines(spam ? 3 : 0).setSpamLinesByRule(spam ? Map.of("spam-link-farm", 3L) : Map.of())
                        .setFirstSpamArticleId(spam ? "a1" : null)
                        .setFirstSpamUrl(spam ? "https://warta.example/a1" : null)
                        .setFirstSpamAt(spam ? at : null)
                        .setSamples(spam ? List.of(new SpamSample("a1", "spam-link-farm",
                                "Daftar   situs slot gacor maxwin terpercaya, deposit pulsa tanpa potongan, klik di sini"
                                        + " sekarang juga")) : List.of())
                        .build())
                .build();
    }

    @Test
    void shouldKeepTheLatestEventOfEachSourceEvenWhenAnOlderOneIsReadLater() {
        SourceTable table = new SourceTable()
                .add(event("Warta Nusantara", SourceState.CLEAN, T, "first article seen"))
                .add(event("Warta Nusantara", SourceState.COMPROMISED, T.plusSeconds(60), "3 of 3"))
                .add(event("Warta Nusantara", SourceState.SUSPECT, T.plusSeconds(30), "1 of 2"));

        assertThat(table.sources()).singleElement()
                .satisfies(h -> assertThat(h.getState()).isEqualTo(SourceState.COMPROMISED));
    }

    @Test
    void shouldListTheWorstStateFirstWithEvidenceForSourcesThatAreNotClean() {
        String out = new SourceTable().addAll(List.of(
                        event("Harbour Times", SourceState.CLEAN, T, "first article seen from this source, without spam"),
                        event("Kabar Dunia", SourceState.SUSPECT, T, "1 of 1 articles in the 24h window carried spam"),
                        event("Warta Nusantara", SourceState.COMPROMISED, T, "3 of 3 articles in the 1h window")))
                .render(true, 1);

        List<String> lines = out.lines().toList();
        assertThat(lines.getFirst()).contains("source", "state", "since", "why");
        assertThat(lines.get(1)).containsPattern("Warta Nusantara\\s+COMPROMISED\\s+2026-03-08 00:30Z\\s+3 of 3");
        assertThat(lines.get(2)).contains("first spam: https://warta.example/a1 (2026-03-08 00:30Z)");
        assertThat(lines.get(3)).contains("spam-link-farm: \"Daftar situs slot gacor").endsWith("…\"");
        assertThat(lines.get(4)).containsPattern("Kabar Dunia\\s+SUSPECT");
        assertThat(lines.getLast()).containsPattern("Harbour Times\\s+CLEAN");
        assertThat(out).doesNotContain("first spam: null");
    }

    @Test
    void shouldShowOnlyTheStatesWithoutEvidence() {
        String out = new SourceTable().add(event("Warta Nusantara", SourceState.COMPROMISED, T, "3 of 3"))
                .render(false, 0);

        assertThat(out.lines()).hasSize(2);
    }
}
