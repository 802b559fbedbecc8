package io.newsflow.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.fetch.Validators;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.fetch.Fetching.FeedFetched;
import io.newsflow.ingest.publish.ItemPipeline;
import io.newsflow.ingest.publish.PublishedLedger;
import io.newsflow.ingest.testing.FakeFetching;
import io.newsflow.ingest.testing.MemoryLedgerStore;
import io.newsflow.ingest.testing.RecordingPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedSchedulerTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final FakeFetching fetching = new FakeFetching();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FeedScheduler scheduler = scheduler();

    private FeedScheduler scheduler() {
        IngestMetrics metrics = new IngestMetrics(meters);
        ItemPipeline pipeline = new ItemPipeline(fetching, PublishedLedger.load(new MemoryLedgerStore()), publisher,
                metrics, Clock.systemUTC(), 4, 3);
        PollPlanner planner = new PollPlanner(INTERVAL, 0.1, Duration.ofHours(1), Duration.ofSeconds(30), new SplittableRandom(7));
        return new FeedScheduler(new FeedPoller(fetching, pipeline, metrics), planner, Clock.systemUTC(), Duration.ZERO, 16)
                .start();
    }

    @AfterEach
    void stop() {
        scheduler.stop(Duration.ofSeconds(5));
    }

    private static FeedSpec feed(String url) {
        return new FeedSpec(url, null, INTERVAL, null, List.of(), null, false, "test");
    }

    @Test
    void shouldPollEveryFeedAgainAndAgainOnItsOwnSchedule() {
        fetching.feed("https://a.example/rss").feed("https://b.example/rss");

        scheduler.apply(List.of(feed("https://a.example/rss"), feed("https://b.example/rss")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fetching.fetchesOf("https://a.example/rss")).isGreaterThanOrEqualTo(3);
            assertThat(fetching.fetchesOf("https://b.example/rss")).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void shouldStopPollingARemovedFeed() {
        fetching.feed("https://a.example/rss").feed("https://b.example/rss");
        scheduler.apply(List.of(feed("https://a.example/rss"), feed("https://b.example/rss")));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetching.fetchesOf("https://b.example/rss") >= 1);

        scheduler.apply(List.of(feed("https://a.example/rss")));
        int polledBeforeRemoval = fetching.fetchesOf("https://b.example/rss");
        int aBefore = fetching.fetchesOf("https://a.example/rss");

        await().atMost(Duration.ofSeconds(10)).until(() -> fetching.fetchesOf("https://a.example/rss") >= aBefore + 5);
        // At most the poll that was already running when the feed was removed.
        assertThat(fetching.fetchesOf("https://b.example/rss")).isLessThanOrEqualTo(polledBeforeRemoval + 1);
        assertThat(scheduler.status()).containsOnlyKeys("https://a.example/rss");
    }

    @Test
    void shouldBackOffAFailingFeedWhileTheOthersKeepTheirPace() {
        fetching.feed("https://good.example/rss"); // bad.example is not served: every poll fails
        scheduler.apply(List.of(feed("https://good.example/rss"), feed("https://bad.example/rss")));

        await().atMost(Duration.ofSeconds(20)).until(() -> fetching.fetchesOf("https://good.example/rss") >= 25);

        // 100 ms doubling: polls near 0, 0.2, 0.6, 1.4, 3 s... so far fewer than the good feed's.
        assertThat(fetching.fetchesOf("https://bad.example/rss")).isBetween(2, 8);
        assertThat(scheduler.status().get("https://bad.example/rss").failuresInARow()).isGreaterThanOrEqualTo(2);
        assertThat(scheduler.status().get("https://good.example/rss").failuresInARow()).isZero();
        assertThat(meters.find("newsflow.ingest.feeds.polled").tag("reason", "http_error").counter().count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldWaitAsLongAsAServerAskedWithRetryAfter() {
        fetching.feed("https://good.example/rss")
                .feedResponse("https://busy.example/rss", new Fetching.FeedFailed("HTTP_ERROR", "503", Duration.ofSeconds(20)));
        scheduler.apply(List.of(feed("https://good.example/rss"), feed("https://busy.example/rss")));

        await().atMost(Duration.ofSeconds(20)).until(() -> fetching.fetchesOf("https://good.example/rss") >= 25);

        // Without Retry-After the backoff would have polled it 4 or 5 times by now (see the test above).
        assertThat(fetching.fetchesOf("https://busy.example/rss")).isEqualTo(1);
        assertThat(scheduler.status().get("https://busy.example/rss").dueAt())
                .isAfter(Instant.now().plus(Duration.ofSeconds(10)));
    }

    @Test
    void shouldKeepPollingTheOthersWhileOneFeedStalls() {
        fetching.feed("https://a.example/rss").feed("https://stuck.example/rss").stall("https://stuck.example/rss");
        scheduler.apply(List.of(feed("https://stuck.example/rss"), feed("https://a.example/rss")));

        await().atMost(Duration.ofSeconds(10)).until(() -> fetching.fetchesOf("https://a.example/rss") >= 10);

        assertThat(fetching.fetchesOf("https://stuck.example/rss")).as("never polled twice at once").isEqualTo(1);
        fetching.release("https://stuck.example/rss");
    }

    @Test
    void shouldSendTheValidatorsOfTheLastResponseWithTheNextPoll() {
        fetching.feedResponse("https://a.example/rss", new FeedFetched(FakeFetching.feed(),
                new Validators("\"v1\"", "Sat, 28 Nov 2026 10:00:00 GMT"), 10));
        scheduler.apply(List.of(feed("https://a.example/rss")));

        await().atMost(Duration.ofSeconds(10)).until(() -> fetching.fetchesOf("https://a.example/rss") >= 2);

        assertThat(fetching.validatorsSentTo("https://a.example/rss"))
                .isEqualTo(new Validators("\"v1\"", "Sat, 28 Nov 2026 10:00:00 GMT"));
    }

    @Test
    void shouldApplyAnEditedFeedsSettingsAtItsNextPoll() {
        fetching.feed("https://a.example/rss");
        scheduler.apply(List.of(feed("https://a.example/rss")));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetching.fetchesOf("https://a.example/rss") >= 1);

        scheduler.apply(List.of(new FeedSpec("https://a.example/rss", "Renamed", INTERVAL, null, List.of(),
                "custom-agent/2", false, "test")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fetching.specSeen("https://a.example/rss").userAgent()).isEqualTo("custom-agent/2"));
    }
}
