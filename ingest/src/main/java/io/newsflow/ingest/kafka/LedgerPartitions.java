package io.newsflow.ingest.kafka;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.group.FeedKeys;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the ledger topic a feed belongs to: its routing key ({@link FeedKeys#hostKey}) hashed with
 * Kafka's murmur2 onto the partitions, as the ledgers already written were laid out. Every feed of one host lands on
 * one partition, so on one owner, and the per-host politeness of that owner's fetcher holds for the whole group.
 */
public final class LedgerPartitions {
    private LedgerPartitions() {}

    /** The partition (0 to {@code partitions - 1}) of a routing key. */
    public static int of(String hostKey, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(hostKey.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public static int of(FeedSpec feed, int partitions) {
        return of(FeedKeys.hostKey(feed), partitions);
    }
}
