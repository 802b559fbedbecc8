package io.newsflow.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.poll.SafeFetching;
import io.newsflow.ingest.testing.MemoryLedgerStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness measures what the hostile-feed ratio means: the clean feeds' pages, not the hostile feeds' end. */
class IngestBenchTest {

    @Test
    void shouldTimeAMixedRoundByItsCleanFeedsNotByTheStallingOnes() throws Exception {
        IngestSettings settings = IngestBench.settings();
        Duration stall = Duration.ofSeconds(60);
        try (BenchSite site = new BenchSite(2, 3, stall)) {
            Fetching fetching = SafeFetching.create(settings);
            long started = System.nanoTime();
            // 10 feeds, 30 % hostile: one stall (headers, then 60 s of silence), one gzip bomb, one endless body
            double pagesPerSecond = IngestBench.round(site, fetching, settings, 10, 3, 0, 0.3, "mixed",
                    new MemoryLedgerStore());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(pagesPerSecond).isPositive();
            // The stalling feed is cut off when the clean ones are done, untimed: neither the server's stall nor
            // the fetcher's idle timeout is waited for.
            assertThat(took).isLessThan(settings.fetch().limits().idleTimeout());
        }
    }

    @Test
    void shouldTakeTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(IngestBench.median(new double[] {0.9, 1.3, 0.6})).isEqualTo(0.9);
        assertThat(IngestBench.median(new double[] {1.0, 0.5, 0.8, 2.0})).isEqualTo(0.9);
    }
}
