package io.newsflow.ingest.publish;

import static io.newsflow.ingest.testing.FakeFetching.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.BodySource;
import io.newsflow.avro.RawArticle;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.feed.FeedItem;
import io.newsflow.ingest.testing.FakeFetching;
import io.newsflow.ingest.testing.MemoryLedgerStore;
import io.newsflow.ingest.testing.RecordingPublisher;
import io.newsflow.schemas.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemPipelineTest {
    private static final String FEED_URL = "https://news.example/rss";
    private static final FeedSpec FEED = new FeedSpec(FEED_URL, "Example News", null, "en", List.of("world"), null,
            false, "newsflow.yml:10");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final FakeFetching fetching = new FakeFetching();
    private final MemoryLedgerStore store = new MemoryLedgerStore();
    private final RecordingPublisher publisher = new RecordingPublisher(store);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ItemPipeline pipeline = pipeline();

    private ItemPipeline pipeline() {
        return new ItemPipeline(fetching, PublishedLedger.load(store), publisher, new IngestMetrics(meters),
                Clock.fixed(NOW, ZoneOffset.UTC), 4, 3);
    }

    private ItemCounts poll(FeedItem... entries) throws InterruptedException {
        return pipeline.process(FEED, FakeFetching.feed(entries));
    }

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldPublishANewItemWithItsPageKeyedByTheCanonicalUrlsId() throws InterruptedException {
        fetching.page("https://news.example/a?utm_source=rss", "<html>A</html>");

        ItemCounts counts = poll(item("guid-a", "https://news.example/a?utm_source=rss", "A"));

        assertThat(counts).isEqualTo(new ItemCounts(1, 0, 0, 0, 0));
        RawArticle article = publisher.published().getFirst();
        assertThat(article.getCanonicalUrl()).isEqualTo("https://news.example/a");
        assertThat(article.getId()).isEqualTo(Hashes.articleId("https://news.example/a"));
        assertThat(article.getUrl()).isEqualTo("https://news.example/a?utm_source=rss");
        assertThat(article.getFeedUrl()).isEqualTo(FEED_URL);
        assertThat(article.getFeedName()).isEqualTo("Example News");
        assertThat(article.getLanguageHint()).isEqualTo("en");
        assertThat(article.getTags()).containsExactly("world");
        assertThat(article.getItem().getGuid()).isEqualTo("guid-a");
        assertThat(article.getItem().getTitle()).isEqualTo("A");
        assertThat(article.getBodySource()).isEqualTo(BodySource.PAGE);
        assertThat(article.getHttpStatus()).isEqualTo(200);
        assertThat(article.getContentType()).isEqualTo("text/html");
        assertThat(article.getCharset()).isEqualTo("UTF-8");
        assertThat(StandardCharsets.UTF_8.decode(article.getBody()).toString()).isEqualTo("<html>A</html>");
        assertThat(article.getContentHash()).isEqualTo(Hashes.contentHash("<html>A</html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(article.getFetchedAt()).isEqualTo(NOW);
        assertThat(article.getFetchError()).isNull();
        assertThat(counter("newsflow.ingest.items", "result", "new")).isEqualTo(1);
    }

    @Test
    void shouldNotFetchAnItemAgainWhoseFeedFingerprintIsUnchanged() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");
        poll(item("guid-a", "https://news.example/a", "A"));

        ItemCounts second = poll(item("guid-a", "https://news.example/a", "A"));

        assertThat(second).isEqualTo(new ItemCounts(0, 0, 1, 0, 0));
        assertThat(fetching.fetchesOf("https://news.example/a")).isEqualTo(1);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void shouldNotPublishAgainWhenTheItemChangedInTheFeedButThePageDidNot() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");
        poll(item("guid-a", "https://news.example/a", "A"));

        ItemCounts second = poll(item("guid-a", "https://news.example/a", "A, retitled"));

        assertThat(second).isEqualTo(new ItemCounts(0, 0, 1, 0, 0));
        assertThat(fetching.fetchesOf("https://news.example/a")).isEqualTo(2);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void shouldPublishAnEditedPageAgainAsANewVersion() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");
        poll(item("guid-a", "https://news.example/a", "A"));
        fetching.page("https://news.example/a", "<html>A, corrected</html>");

        ItemCounts second = poll(new FeedItem("guid-a", "https://news.example/a", "A", null,
                Instant.parse("2026-11-28T11:00:00Z"), null, "summary of A", null, List.of()));

        assertThat(second).isEqualTo(new ItemCounts(0, 1, 0, 0, 0));
        assertThat(publisher.published()).extracting(RawArticle::getId).containsOnly(publisher.published().getFirst().getId());
        assertThat(publisher.published()).extracting(RawArticle::getContentHash).doesNotHaveDuplicates().hasSize(2);
        assertThat(counter("newsflow.ingest.items", "result", "changed")).isEqualTo(1);
    }

    @Test
    void shouldFetchAgainWhenOnlyTheUpdatedDateChangesAndPublishOnlyWhenThePageChanged() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");
        poll(updated("2026-11-28T10:00:00Z"));

        ItemCounts sameUpdate = poll(updated("2026-11-28T10:00:00Z"));
        fetching.page("https://news.example/a", "<html>A, corrected</html>");
        ItemCounts newUpdate = poll(updated("2026-11-28T12:00:00Z"));
        ItemCounts bumpedButSamePage = poll(updated("2026-11-28T13:00:00Z"));

        assertThat(sameUpdate).as("nothing in the feed changed: no fetch").isEqualTo(new ItemCounts(0, 0, 1, 0, 0));
        assertThat(newUpdate).as("an edit the feed shows only in <updated>").isEqualTo(new ItemCounts(0, 1, 0, 0, 0));
        assertThat(bumpedButSamePage).as("fetched again, same page hash").isEqualTo(new ItemCounts(0, 0, 1, 0, 0));
        assertThat(fetching.fetchesOf("https://news.example/a")).isEqualTo(3);
        assertThat(publisher.published()).extracting(RawArticle::getContentHash).doesNotHaveDuplicates().hasSize(2);
    }

    private static FeedItem updated(String when) {
        return new FeedItem("guid-a", "https://news.example/a", "A", null, Instant.parse("2026-11-28T09:00:00Z"),
                Instant.parse(when), "summary of A", null, List.of());
    }

    @Test
    void shouldPublishNothingAgainAfterARestartThatReadsTheLedger() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");
        poll(item("guid-a", "https://news.example/a", "A"));

        pipeline = pipeline(); // a new process: memory empty, the store kept
        ItemCounts afterRestart = poll(item("guid-a", "https://news.example/a", "A"));

        assertThat(afterRestart).isEqualTo(new ItemCounts(0, 0, 1, 0, 0));
        assertThat(publisher.published()).hasSize(1);
        assertThat(fetching.fetchesOf("https://news.example/a")).as("the item fingerprint survived too").isEqualTo(1);
    }

    @Test
    void shouldFallBackToTheFeedsContentAndSayWhyWhenThePageFails() throws InterruptedException {
        fetching.pageFails("https://news.example/a", "TIMEOUT");
        FeedItem entry = new FeedItem("guid-a", "https://news.example/a", "A", "Ann", null, null, "short", "<p>full text</p>", List.of("politics"));

        ItemCounts counts = poll(entry);

        assertThat(counts.fresh()).isEqualTo(1);
        RawArticle article = publisher.published().getFirst();
        assertThat(article.getBodySource()).isEqualTo(BodySource.FEED_CONTENT);
        assertThat(StandardCharsets.UTF_8.decode(article.getBody()).toString()).isEqualTo("<p>full text</p>");
        assertThat(article.getFetchError()).startsWith("TIMEOUT");
        assertThat(article.getHttpStatus()).isNull();
        assertThat(article.getCanonicalUrl()).isEqualTo("https://news.example/a");
        assertThat(counter("newsflow.ingest.fallbacks", "reason", "timeout")).isEqualTo(1);
    }

    @Test
    void shouldFallBackToTheSummaryWhenTheFeedHasNoFullContent() throws InterruptedException {
        fetching.pageFails("https://news.example/a", "ROBOTS_DISALLOWED");

        poll(item("guid-a", "https://news.example/a", "A"));

        RawArticle article = publisher.published().getFirst();
        assertThat(article.getBodySource()).isEqualTo(BodySource.FEED_SUMMARY);
        assertThat(StandardCharsets.UTF_8.decode(article.getBody()).toString()).isEqualTo("summary of A");
        assertThat(article.getFetchError()).startsWith("ROBOTS_DISALLOWED");
    }

    @Test
    void shouldPublishThePageAsANewVersionOnceItCanBeFetchedAfterAFallback() throws InterruptedException {
        fetching.pageFails("https://news.example/a", "CONNECT_FAILED");
        poll(item("guid-a", "https://news.example/a", "A"));
        fetching.page("https://news.example/a", "<html>A</html>");

        ItemCounts second = poll(item("guid-a", "https://news.example/a", "A"));

        assertThat(second.changed()).isEqualTo(1);
        assertThat(publisher.published()).extracting(RawArticle::getBodySource)
                .containsExactly(BodySource.FEED_SUMMARY, BodySource.PAGE);
    }

    @Test
    void shouldStopRetryingAFailingPageAfterTheConfiguredAttempts() throws InterruptedException {
        fetching.pageFails("https://news.example/a", "HTTP_ERROR");
        for (int poll = 0; poll < 5; poll++) {
            poll(item("guid-a", "https://news.example/a", "A"));
        }

        assertThat(fetching.fetchesOf("https://news.example/a")).isEqualTo(3);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void shouldRefuseAndCountAnItemWithNoLinkAndNoContent() throws InterruptedException {
        ItemCounts counts = poll(new FeedItem("guid-x", null, "Title only", null, null, null, null, null, List.of()),
                new FeedItem(null, null, null, null, null, null, null, null, List.of()));

        assertThat(counts.refused()).isEqualTo(2);
        assertThat(publisher.published()).isEmpty();
        assertThat(counter("newsflow.ingest.refusals", "reason", "no_link_no_content")).isEqualTo(2);

        assertThat(poll(new FeedItem("guid-x", null, "Title only", null, null, null, null, null, List.of())).refused())
                .as("counted once, not at every poll").isZero();
    }

    @Test
    void shouldPublishAnItemWithoutALinkFromItsContent() throws InterruptedException {
        ItemCounts counts = poll(new FeedItem("tag:news.example,2026:42", null, "Note", null, null, null, null, "<p>only in the feed</p>", List.of()));

        assertThat(counts.fresh()).isEqualTo(1);
        RawArticle article = publisher.published().getFirst();
        assertThat(article.getBodySource()).isEqualTo(BodySource.FEED_CONTENT);
        assertThat(article.getUrl()).isEqualTo(FEED_URL + "#tag%3Anews.example%2C2026%3A42");
        assertThat(article.getFetchError()).isEqualTo("the item has no link");
    }

    @Test
    void shouldLeaveAnItemUnrecordedWhenTheSendFailsSoTheNextPollRetriesIt() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");
        publisher.failing(true);

        ItemCounts failed = poll(item("guid-a", "https://news.example/a", "A"));
        publisher.failing(false);
        ItemCounts retried = poll(item("guid-a", "https://news.example/a", "A"));

        assertThat(failed.failed()).isEqualTo(1);
        assertThat(retried.fresh()).isEqualTo(1);
        assertThat(store.entries()).extracting(java.util.Map.Entry::getValue)
                .contains(publisher.published().getFirst().getContentHash());
    }

    @Test
    void shouldNeverFetchAFileLinkOfAFeedItemAndPublishItsFeedContentInstead() throws InterruptedException {
        fetching.page("file:///etc/passwd", "root:x:0:0");
        fetching.page("FILE:/etc/shadow", "root:!:19000");

        ItemCounts counts = poll(item("guid-f", "file:///etc/passwd", "F"), item("guid-g", "FILE:/etc/shadow", "G"));

        assertThat(fetching.fetchesOf("file:///etc/passwd")).isZero();
        assertThat(fetching.fetchesOf("FILE:/etc/shadow")).isZero();
        assertThat(counts.fresh()).isEqualTo(2);
        assertThat(publisher.published()).allSatisfy(article -> {
            assertThat(article.getBodySource()).isEqualTo(BodySource.FEED_SUMMARY);
            assertThat(article.getUrl()).startsWith(FEED_URL + "#guid-");
            assertThat(StandardCharsets.UTF_8.decode(article.getBody()).toString()).startsWith("summary of ");
        });
    }

    @Test
    void shouldStoreTheArticleAndItsLedgerEntriesTogetherAndRememberThemOnlyOnceStored() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");
        publisher.failing(true);
        poll(item("guid-a", "https://news.example/a", "A"));
        assertThat(store.entries()).as("a failed send stores no ledger entry either").isEmpty();

        publisher.failing(false);
        poll(item("guid-a", "https://news.example/a", "A"));

        RawArticle article = publisher.published().getFirst();
        assertThat(store.entries()).extracting(java.util.Map.Entry::getKey)
                .containsExactly(article.getId(), "item:" + ItemPipeline.itemKey(item("guid-a", "https://news.example/a", "A")));
        pipeline = pipeline(); // a restart reads the store
        assertThat(poll(item("guid-a", "https://news.example/a", "A")).unchanged()).isEqualTo(1);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void shouldGiveEachArticleItsOwnIdWhenTheCmsPointsEveryCanonicalAtTheRootOrAnotherSite()
            throws InterruptedException {
        fetching.page("https://news.example/a", "<link rel=canonical href=\"/\"><p>A</p>");
        fetching.page("https://news.example/b", "<link rel=canonical href=\"https://news.example/\"><p>B</p>");
        fetching.page("https://news.example/c", "<link rel=canonical href=\"https://other.example/a\"><p>C</p>");

        ItemCounts counts = poll(item("guid-a", "https://news.example/a", "A"),
                item("guid-b", "https://news.example/b", "B"), item("guid-c", "https://news.example/c", "C"));

        assertThat(counts.fresh()).isEqualTo(3);
        assertThat(publisher.published()).extracting(RawArticle::getCanonicalUrl).containsExactlyInAnyOrder(
                "https://news.example/a", "https://news.example/b", "https://news.example/c");
        assertThat(publisher.published()).extracting(RawArticle::getId).doesNotHaveDuplicates();
    }

    @Test
    void shouldPublishAnArticleOnceWhenTheFeedListsItTwice() throws InterruptedException {
        fetching.page("https://news.example/a", "<html>A</html>");

        ItemCounts counts = poll(item("guid-a", "https://news.example/a", "A"), item("guid-a", "https://news.example/a", "A"));

        assertThat(counts.fresh()).isEqualTo(1);
        assertThat(publisher.published()).hasSize(1);
    }
}
