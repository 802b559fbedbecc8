package io.newsflow.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.config.FeedSpec;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LedgerPartitionsTest {
    private static final int PARTITIONS = 12;

    @Test
    void shouldPutEveryFeedOfOneHostOnOnePartitionWhateverTheWwwOrCase() {
        int partition = LedgerPartitions.of(FeedSpec.ofUrl("https://news.example/a.xml", "t"), PARTITIONS);

        assertThat(LedgerPartitions.of(FeedSpec.ofUrl("https://WWW.News.Example/b.rss", "t"), PARTITIONS))
                .isEqualTo(partition);
        assertThat(LedgerPartitions.of(FeedSpec.ofUrl("http://news.example:8080/c", "t"), PARTITIONS))
                .isEqualTo(partition);
    }

    @Test
    void shouldSpreadHostsOverThePartitions() {
        Set<Integer> used = new HashSet<>();
        IntStream.range(0, 300).forEach(h -> used.add(LedgerPartitions.of("site" + h + ".example", PARTITIONS)));

        assertThat(used).hasSize(PARTITIONS);
    }
}
