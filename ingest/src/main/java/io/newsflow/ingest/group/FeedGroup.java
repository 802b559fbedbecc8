package io.newsflow.ingest.group;

import java.util.Collection;
import java.util.List;
import io.newsflow.ingest.config.FeedSpec;

/**
 * Membership of ingest's group: the group decides which partitions of the ledger topic this instance owns (Kafka's
 * consumer-group protocol in production, {@code io.newsflow.ingest.kafka.KafkaFeedGroup}) and tells the
 * {@link Member}.
 */
public interface FeedGroup {

    /** The partitions feeds are hashed onto (the ledger topic's). */
    int partitions();

    /** The partition a routing key ({@link FeedKeys#hostKey}) belongs to: the same on every instance. */
    int partitionOf(String hostKey);

    /** Joins the group on a thread of its own; closing the handle leaves it. */
    AutoCloseable join(Member member);

    /** What the group drives in the service. */
    interface Member {
        /** A ledger entry read while restoring or following an owned partition; a null value is a tombstone. */
        void remember(String key, String value);

        /** Partitions whose ledger share is restored up to the end it had when assigned: poll their feeds. */
        void take(Collection<Integer> partitions);

        /** Partitions revoked or lost: stop polling their feeds; returns once their polls ended. */
        void release(Collection<Integer> partitions);

        /**
         * The feeds configured on this instance, for the configuration check across the group: the same list until
         * the configuration changes (the group digests it again only for a new one).
         */
        List<FeedSpec> configured();

        /** Whether this instance owns the partition now. */
        boolean owns(int partition);
    }
}
