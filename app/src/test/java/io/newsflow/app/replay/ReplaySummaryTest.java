package io.newsflow.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.app.replay.ReplaySummary.Outcome;
import io.newsflow.app.replay.ReplaySummary.RuleChange;
import io.newsflow.app.replay.ReplaySummary.SpamLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySummaryTest {

    @Test
    void shouldCountSpamLinesAddedAndRemovedPerRuleAndChangedArticles() {
        ReplaySummary summary = new ReplaySummary();
        Outcome before = new Outcome("a", "text\n\nslot777 login", List.of(new SpamLine("sbobet", "spam-footer-terms")),
                List.of("He said so."));
        Outcome after = new Outcome("a", "text", List.of(new SpamLine("sbobet", "spam-footer-terms"),
                new SpamLine("slot777 login", "user-slot777")), List.of("He said so."));
        Outcome unchanged = new Outcome("b", "same", List.of(), List.of("x"));

        summary.add(before, after);
        summary.add(unchanged, unchanged);

        assertThat(summary.seen()).isEqualTo(2);
        assertThat(summary.changed()).isEqualTo(1);
        assertThat(summary.statementsChanged()).isZero();
        assertThat(summary.byRule()).containsExactly(java.util.Map.entry("user-slot777", new RuleChange(1, 0)));
        assertThat(summary.render()).contains("2 seen, 1 changed", "user-slot777", "+1 / -0");
    }

    @Test
    void shouldCountALineMovedBetweenRulesAsRemovedFromOneAndAddedToTheOther() {
        ReplaySummary summary = new ReplaySummary();
        summary.add(new Outcome("a", "t", List.of(new SpamLine("x", "old-rule")), List.of("s1")),
                new Outcome("a", "t", List.of(new SpamLine("x", "new-rule")), List.of("s1", "s2")));

        assertThat(summary.byRule()).containsEntry("old-rule", new RuleChange(0, 1))
                .containsEntry("new-rule", new RuleChange(1, 0));
        assertThat(summary.statementsChanged()).isEqualTo(1);
        assertThat(summary.changed()).isEqualTo(1);
    }

    @Test
    void shouldCountArticlesNewToTheIndexAndArticlesTheReplayNoLongerMakes() {
        ReplaySummary summary = new ReplaySummary();
        summary.add(null, new Outcome("n", "t", List.of(), List.of()));
        summary.add(new Outcome("g", "t", List.of(), List.of()), null);

        assertThat(summary.created()).isEqualTo(1);
        assertThat(summary.gone()).isEqualTo(1);
        assertThat(summary.changed()).isZero();
    }

    @Test
    void shouldGiveRateAndEtaFromWhatWasMeasured() {
        ReplayProgress progress = new ReplayProgress(300, 1200, Duration.ofSeconds(3));

        assertThat(progress.rate()).isEqualTo(100.0);
        assertThat(progress.eta()).isEqualTo(Duration.ofSeconds(9));
        assertThat(progress.render()).isEqualTo("300/1200 records (25%), 100/s, ETA 9s");
        assertThat(new ReplayProgress(0, 10, Duration.ZERO).eta()).isNull();
    }
}
