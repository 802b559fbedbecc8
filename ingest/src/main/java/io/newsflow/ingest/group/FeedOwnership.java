package io.newsflow.ingest.group;

import io.newsflow.ingest.config.FeedSpec;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Which of the configured feeds this instance polls: those whose partition ({@link FeedKeys}) the group assigned
 * to it and whose ledger share is restored. A single instance outside a group ({@link #everything()}) polls every
 * feed. Thread-safe: the config reloader and the group's thread both change it.
 */
public final class FeedOwnership {
    private final int partitions;
    private final ToIntFunction<String> partitionOfHostKey;
    private final boolean everything;
    private final Set<Integer> owned = new TreeSet<>();
    private List<FeedSpec> configured = List.of();

    private FeedOwnership(int partitions, ToIntFunction<String> partitionOfHostKey, boolean everything) {
        this.partitions = partitions;
        this.partitionOfHostKey = partitionOfHostKey;
        this.everything = everything;
    }

    /** Owns every feed (no group: tests, a service without Kafka). */
    public static FeedOwnership everything() {
        return new FeedOwnership(1, hostKey -> 0, true);
    }

    /**
     * Owns the feeds of the partitions it is given, out of {@code partitions}; a feed's partition is
     * {@code partitionOfHostKey} of its routing key (the group's {@link FeedGroup#partitionOf}).
     */
    public static FeedOwnership byPartition(int partitions, ToIntFunction<String> partitionOfHostKey) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return new FeedOwnership(partitions, partitionOfHostKey, false);
    }

    /** The feed configuration changed; returns the feeds to poll now. */
    public synchronized List<FeedSpec> configure(List<FeedSpec> feeds) {
        configured = List.copyOf(feeds);
        return owned();
    }

    /** Partitions assigned and restored; returns the feeds to poll now. */
    public synchronized List<FeedSpec> take(Collection<Integer> partitionsTaken) {
        owned.addAll(partitionsTaken);
        return owned();
    }

    /** Partitions revoked or lost; returns the feeds to poll now. */
    public synchronized List<FeedSpec> release(Collection<Integer> partitionsReleased) {
        owned.removeAll(partitionsReleased);
        return owned();
    }

    /** The configured feeds of these partitions. */
    public synchronized List<FeedSpec> feedsOf(Collection<Integer> ofPartitions) {
        return configured.stream().filter(feed -> ofPartitions.contains(partitionOf(feed))).toList();
    }

    /** The configured feeds this instance polls. */
    public synchronized List<FeedSpec> owned() {
        return everything ? configured : configured.stream().filter(feed -> owned.contains(partitionOf(feed))).toList();
    }

    public synchronized List<FeedSpec> configured() {
        return configured;
    }

    /** The partitions owned, in order (empty for {@link #everything()}). */
    public synchronized Set<Integer> ownedPartitions() {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(owned));
    }

    public boolean ownsEverything() {
        return everything;
    }

    public synchronized boolean ownsPartition(int partition) {
        return everything || owned.contains(partition);
    }

    public int partitionOf(FeedSpec feed) {
        return partitionOfHostKey.applyAsInt(FeedKeys.hostKey(feed));
    }

    public int partitions() {
        return partitions;
    }
}
