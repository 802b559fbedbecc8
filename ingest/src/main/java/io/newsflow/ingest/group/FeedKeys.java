package io.newsflow.ingest.group;

import io.newsflow.ingest.config.FeedSpec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the ledger topic a feed belongs to: its host (lowercased, without a leading {@code www.}),
 * hashed with Kafka's murmur2 onto the partitions. Every feed of one host lands on one partition, so on one owner,
 * and the per-host politeness of that owner's fetcher holds for the whole group.
 */
public final class FeedKeys {
    private FeedKeys() {}

    /** The routing key of a feed: its host, lowercased, without {@code www.}. */
    public static String hostKey(FeedSpec feed) {
        String host = feed.host().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The partition (0 to {@code partitions - 1}) of a routing key. */
    public static int partitionOf(String hostKey, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(hostKey.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public static int partitionOf(FeedSpec feed, int partitions) {
        return partitionOf(hostKey(feed), partitions);
    }
}
