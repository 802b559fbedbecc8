package io.newsflow.ingest.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.kafka.LedgerPartitions;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedOwnershipTest {
    private static final int PARTITIONS = 12;

    /** Ownership over partitions as the Kafka group hashes feeds onto them. */
    private static FeedOwnership byPartition() {
        return FeedOwnership.byPartition(PARTITIONS, hostKey -> LedgerPartitions.of(hostKey, PARTITIONS));
    }

    private static List<FeedSpec> feeds(int hosts, int perHost) {
        return IntStream.range(0, hosts).boxed()
                .flatMap(h -> IntStream.range(0, perHost)
                        .mapToObj(f -> FeedSpec.ofUrl("https://site" + h + ".example/feed" + f + ".xml", "test")))
                .toList();
    }

    @Test
    void shouldRouteAFeedByItsHostWhateverTheWwwOrCase() {
        assertThat(FeedKeys.hostKey(FeedSpec.ofUrl("https://www.news.example/", "t"))).isEqualTo("news.example");
        assertThat(FeedKeys.hostKey(FeedSpec.ofUrl("http://WWW.News.Example:8080/c", "t"))).isEqualTo("news.example");
    }

    @Test
    void shouldGiveEachFeedToExactlyOneInstanceWhenThePartitionsAreSplit() {
        List<FeedSpec> configured = feeds(40, 3);
        FeedOwnership a = byPartition();
        FeedOwnership b = byPartition();
        FeedOwnership c = byPartition();
        List.of(a, b, c).forEach(o -> o.configure(configured));

        List<FeedSpec> ofA = a.take(List.of(0, 3, 6, 9));
        List<FeedSpec> ofB = b.take(List.of(1, 4, 7, 10));
        List<FeedSpec> ofC = c.take(List.of(2, 5, 8, 11));

        assertThat(ofA.size() + ofB.size() + ofC.size()).isEqualTo(configured.size());
        assertThat(ofA).doesNotContainAnyElementsOf(ofB).doesNotContainAnyElementsOf(ofC);
        assertThat(ofB).doesNotContainAnyElementsOf(ofC);
    }

    @Test
    void shouldPollNothingBeforeAPartitionIsTakenAndStopWhenItIsReleased() {
        FeedOwnership ownership = byPartition();
        List<FeedSpec> configured = feeds(20, 2);

        assertThat(ownership.configure(configured)).isEmpty();
        int partition = ownership.partitionOf(configured.get(0));
        List<FeedSpec> owned = ownership.take(List.of(partition));
        assertThat(owned).contains(configured.get(0)).allMatch(f -> ownership.partitionOf(f) == partition);
        assertThat(ownership.feedsOf(List.of(partition))).isEqualTo(owned);
        assertThat(ownership.release(List.of(partition))).isEmpty();
        assertThat(ownership.ownedPartitions()).isEmpty();
    }

    @Test
    void shouldOwnEveryFeedOutsideAGroup() {
        List<FeedSpec> configured = feeds(5, 2);

        assertThat(FeedOwnership.everything().configure(configured)).isEqualTo(configured);
    }

    @Test
    void shouldNameTheFeedsOnlyOneSideHas() {
        ConfigDigest here = ConfigDigest.of(List.of(FeedSpec.ofUrl("https://a.example/feed", "t"),
                FeedSpec.ofUrl("https://b.example/feed", "t")));
        ConfigDigest there = ConfigDigest.decode(ConfigDigest.of(List.of(FeedSpec.ofUrl("https://b.example/feed", "t"),
                FeedSpec.ofUrl("https://c.example/feed", "t"))).encode());

        ConfigDigest.Difference difference = here.against(there);

        assertThat(here.hash()).isNotEqualTo(there.hash());
        assertThat(difference.onlyHere()).containsExactly("https://a.example/feed");
        assertThat(difference.onlyThere()).containsExactly("https://c.example/feed");
        assertThat(difference.describe("ingest-1", "ingest-2", 10))
                .contains("only on ingest-1 (1): [https://a.example/feed]")
                .contains("only on ingest-2 (1): [https://c.example/feed]");
        assertThat(here.against(ConfigDigest.decode(here.encode())).isEmpty()).isTrue();
    }
}
