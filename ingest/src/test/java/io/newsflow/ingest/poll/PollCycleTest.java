package io.newsflow.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.fetch.Validators;
import io.newsflow.ingest.publish.ItemCounts;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollCycleTest {

    private static PollOutcome ok(int fresh, int changed, int unchanged) {
        return new PollOutcome(false, null, null, Validators.NONE, null, new ItemCounts(fresh, changed, unchanged, 0, 0));
    }

    @Test
    void shouldSumUpACycleInOneLineWhenItsLastFeedEnds() {
        PollCycle cycle = new PollCycle(3, 0);

        assertThat(cycle.finish(FeedSpec.ofUrl("https://a.example/rss", "t"), ok(2, 1, 30), 1)).isNull();
        assertThat(cycle.finish(FeedSpec.ofUrl("https://b.example/rss", "t"), ok(1, 0, 10), 2)).isNull();
        String line = cycle.finish(FeedSpec.ofUrl("https://feeds.example.org/x", "t"),
                PollOutcome.failure("TIMEOUT", "no answer", Validators.NONE, null), TimeUnit.MILLISECONDS.toNanos(2300));

        assertThat(line).isEqualTo("poll cycle: 3 feeds, 3 new, 1 changed, 40 unchanged, 1 failed (feeds.example.org: TIMEOUT) in 2.3s");
    }

    @Test
    void shouldNameAtMostThreeFailures() {
        PollCycle cycle = new PollCycle(5, 0);
        String line = null;
        for (int i = 0; i < 5; i++) {
            line = cycle.finish(FeedSpec.ofUrl("https://h" + i + ".example/rss", "t"),
                    PollOutcome.failure("DNS_FAILED", "", Validators.NONE, null), 1_000_000_000L);
        }

        assertThat(line).isEqualTo("poll cycle: 5 feeds, 0 new, 0 changed, 0 unchanged, 5 failed "
                + "(h0.example: DNS_FAILED, h1.example: DNS_FAILED, h2.example: DNS_FAILED, +2 more) in 1.0s");
    }
}
