package io.newsflow.ingest.publish;

import static io.newsflow.ingest.testing.FakeFetching.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.feed.FeedItem;
import io.newsflow.ingest.testing.FakeFetching;
import io.newsflow.ingest.testing.MemoryLedgerStore;
import io.newsflow.ingest.testing.RecordingPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger's retention through the item pipeline: gone items, their tombstones, and what a restart restores. */
class LedgerRetentionTest {
    private static final FeedSpec FEED = new FeedSpec("https://news.example/rss", null, null, null, List.of(), null,
            false, "newsflow.yml:10");
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final FeedItem A = item("guid-a", "https://news.example/a", "A");
    private static final FeedItem B = item("guid-b", "https://news.example/b", "B");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-01T00:00:00Z"));
    private final FakeFetching fetching = new FakeFetching();
    private final MemoryLedgerStore store = new MemoryLedgerStore();
    private final RecordingPublisher publisher = new RecordingPublisher(store);
    private PublishedLedger ledger;
    private ItemPipeline pipeline = restart();

    LedgerRetentionTest() {
        fetching.page("https://news.example/a", "<html>A</html>");
        fetching.page("https://news.example/b", "<html>B</html>");
    }

    private ItemPipeline restart() {
        ledger = PublishedLedger.load(store).retain(RETENTION);
        return new ItemPipeline(fetching, ledger, publisher, new IngestMetrics(new SimpleMeterRegistry()), clock, 4, 3);
    }

    private ItemCounts pollAfter(Duration wait, FeedItem... listed) throws InterruptedException {
        clock.advance(wait);
        return pipeline.process(FEED, FakeFetching.feed(listed));
    }

    private static String itemKey(FeedItem entry) {
        return PublishedLedger.ITEM_PREFIX + ItemPipeline.itemKey(entry);
    }

    private String articleOf(String url) {
        return publisher.published().stream().filter(a -> a.getUrl().equals(url)).findFirst().orElseThrow().getId();
    }

    private List<Map.Entry<String, String>> writesOf(String key) {
        return store.entries().stream().filter(e -> e.getKey().equals(key)).toList();
    }

    /** The last value written for the key (null for a tombstone). */
    private String last(String key) {
        return writesOf(key).getLast().getValue();
    }

    private boolean tombstoned(String key) {
        return !writesOf(key).isEmpty() && last(key) == null;
    }

    @Test
    void shouldRemoveAnItemGoneForLongerThanTheRetentionWithTombstonesAndRestoreOnlyTheLiveOnes() throws Exception {
        pollAfter(Duration.ZERO, A, B);
        String articleB = articleOf("https://news.example/b");

        pollAfter(Duration.ofDays(1), A);
        assertThat(last(itemKey(B))).as("B marked gone when the feed stopped listing it")
                .endsWith(" gone=" + clock.instant().getEpochSecond());
        pollAfter(RETENTION.minusSeconds(1), A);
        assertThat(last(itemKey(B))).as("kept until the retention is over").contains(" gone=");
        assertThat(tombstoned(articleB)).as("its article entry kept too").isFalse();

        pollAfter(Duration.ofSeconds(1), A);
        assertThat(tombstoned(itemKey(B))).as("B's item entry").isTrue();
        assertThat(tombstoned(articleB)).as("B's article entry").isTrue();
        assertThat(last(itemKey(A))).as("A is still listed").doesNotContain("gone=");
        assertThat(ledger.itemCount()).isEqualTo(1);
        assertThat(ledger.articleCount()).isEqualTo(1);

        pipeline = restart();
        assertThat(ledger.itemCount()).as("items restored").isEqualTo(1);
        assertThat(ledger.articleCount()).as("articles restored").isEqualTo(1);
        assertThat(pollAfter(Duration.ofMinutes(1), A).unchanged()).isEqualTo(1);
        assertThat(publisher.published()).as("nothing published again").hasSize(2);
        assertThat(fetching.fetchesOf("https://news.example/a")).as("A's page not fetched again").isEqualTo(1);
    }

    @Test
    void shouldKeepAnItemListedAgainBeforeTheRetentionAndStartItsClockAgainWhenItGoesOnceMore() throws Exception {
        pollAfter(Duration.ZERO, A, B);
        pollAfter(Duration.ofDays(1), A);
        assertThat(pollAfter(Duration.ofDays(20), A, B).unchanged()).as("B listed again, not refetched").isEqualTo(2);
        assertThat(last(itemKey(B))).doesNotContain("gone=");

        pollAfter(Duration.ofDays(1), A);
        pollAfter(Duration.ofDays(29), A);
        assertThat(last(itemKey(B))).as("gone 29 days since it went the second time").contains(" gone=");
        pollAfter(Duration.ofDays(1), A);
        assertThat(tombstoned(itemKey(B))).isTrue();
        assertThat(publisher.published()).hasSize(2);
    }

    @Test
    void shouldNotMarkAnythingGoneOrWriteAnythingWhileTheFeedListsTheSameItems() throws Exception {
        pollAfter(Duration.ZERO, A, B);
        int written = store.entries().size();

        pollAfter(Duration.ofDays(40), A, B);
        pollAfter(Duration.ofDays(40), A, B);

        assertThat(store.entries()).as("no write for an unchanged feed, however long").hasSize(written);
    }

    @Test
    void shouldKeepAnArticleThatAnotherItemOfTheFeedStillStandsFor() throws Exception {
        FeedItem sameStory = item("guid-b2", "https://news.example/b", "B again");
        pollAfter(Duration.ZERO, A, B, sameStory);
        String articleB = articleOf("https://news.example/b");

        pollAfter(Duration.ofDays(1), A, sameStory);
        pollAfter(RETENTION, A, sameStory);

        assertThat(tombstoned(itemKey(B))).as("B's item entry").isTrue();
        assertThat(last(articleB)).as("the article the other item stands for").isNotNull();
    }

    @Test
    void shouldGiveAnEntryWrittenBeforeRetentionItsFeedWhenListedAndRemoveItOnceGone() throws Exception {
        // as ingest wrote them before retention: the article's hash, the item's bare fingerprint
        String fingerprint = ItemPipeline.fingerprint(A);
        store.write(itemKey(A), fingerprint);
        pipeline = restart();

        assertThat(pollAfter(Duration.ZERO, A).unchanged()).isEqualTo(1);
        assertThat(ItemValue.decode(last(itemKey(A))))
                .isEqualTo(new ItemValue(fingerprint.substring(0, 16), PublishedLedger.feedRef(FEED.identity()), null, 0));
        pipeline = restart();
        assertThat(pollAfter(Duration.ofMinutes(1), A).unchanged()).as("still skipped by its fingerprint").isEqualTo(1);

        pollAfter(Duration.ofDays(1));
        pollAfter(RETENTION);
        assertThat(tombstoned(itemKey(A))).isTrue();
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void shouldReadAnItemValueOfEitherFormatAndKeepTheFingerprintFirstForOlderReaders() {
        ItemValue value = new ItemValue("ab".repeat(32), "0123456789abcdef", "cd".repeat(16), 1_700_000_000);

        assertThat(ItemValue.decode(value.encode())).isEqualTo(value);
        assertThat(PublishedLedger.prefix(value.encode())).isEqualTo(PublishedLedger.prefix("ab".repeat(32)));
        assertThat(ItemValue.decode("ef".repeat(32))).isEqualTo(new ItemValue("ef".repeat(32), null, null, 0));
        assertThat(ItemValue.decode("ef".repeat(32) + " feed=1 colour=blue gone=x"))
                .as("unknown fields and a bad time ignored").isEqualTo(new ItemValue("ef".repeat(32), "1", null, 0));
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
