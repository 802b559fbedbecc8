package io.newsflow.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class FeedMemoryTest {
    private static final String URL = "https://a.example/rss";
    private static final Validators V1 = new Validators("\"v1\"", "Sat, 28 Nov 2026 10:00:00 GMT");

    @Test
    void shouldReadBackWhatItWrites() {
        FeedMemory memory = new FeedMemory(V1, 3);

        assertThat(FeedMemory.decode(memory.encode())).contains(memory);
        assertThat(FeedMemory.decode(new FeedMemory(Validators.NONE, 0).encode()))
                .contains(new FeedMemory(Validators.NONE, 0));
        assertThat(FeedMemory.decode("a3f2")).isEmpty();
        assertThat(FeedMemory.decode("v1\tx\t\t")).isEmpty();
    }

    @Test
    void shouldKeepAPollsValidatorsAndSendThemFromANewSchedulerThatRecallsThem() {
        Map<String, FeedMemory> kept = new ConcurrentHashMap<>();
        FeedMemory.Store store = new FeedMemory.Store() {
            @Override
            public Optional<FeedMemory> recall(String identity) {
                return Optional.ofNullable(kept.get(identity));
            }

            @Override
            public void keep(FeedSpec feed, FeedMemory memory) {
                kept.put(feed.identity(), memory);
            }
        };
        FakeFetching first = new FakeFetching();
        first.feedResponse(URL, new FeedFetched(FakeFetching.feed(), V1, 10));
        FeedScheduler before = scheduler(first, store);
        before.apply(List.of(feed()));
        await().atMost(Duration.ofSeconds(10)).until(() -> kept.containsKey(feed().identity()));
        before.stop(Duration.ofSeconds(5));

        FakeFetching second = new FakeFetching();
        second.feed(URL);
        FeedScheduler after = scheduler(second, store);
        after.apply(List.of(feed()));
        await().atMost(Duration.ofSeconds(10)).until(() -> second.fetchesOf(URL) >= 1);
        after.stop(Duration.ofSeconds(5));

        assertThat(kept.get(feed().identity())).isEqualTo(new FeedMemory(Validators.NONE, 0));
        assertThat(second.validatorsSentTo(URL)).as("the first poll of the feed's next owner").isEqualTo(V1);
    }

    private static FeedSpec feed() {
        return new FeedSpec(URL, null, Duration.ofSeconds(30), null, List.of(), null, false, "test");
    }

    private static FeedScheduler scheduler(FakeFetching fetching, FeedMemory.Store store) {
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        ItemPipeline pipeline = new ItemPipeline(fetching, PublishedLedger.load(new MemoryLedgerStore()),
                new RecordingPublisher(), metrics, Clock.systemUTC(), 4, 3);
        PollPlanner planner = new PollPlanner(Duration.ofSeconds(30), 0.0, Duration.ofHours(1), Duration.ofSeconds(30),
                new SplittableRandom(7));
        return new FeedScheduler(new FeedPoller(fetching, pipeline, metrics), planner, Clock.systemUTC(), Duration.ZERO,
                4, store).start();
    }
}
