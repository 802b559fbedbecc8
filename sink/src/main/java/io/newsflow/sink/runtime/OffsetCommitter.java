package io.newsflow.sink.runtime;

import io.newsflow.sink.offsets.OffsetLedger;
import io.newsflow.sink.offsets.OffsetLedger.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets from the {@link OffsetLedger}: only the unbroken run of records that are done. Asynchronously
 * every {@code interval}, synchronously on revocation and shutdown; also publishes the lag gauges. Owned by the poll
 * thread (the async commit's callback runs on it too, inside {@code poll}).
 */
final class OffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    private final Consumer<?, ?> consumer;
    private final Duration interval;
    private final SinkMetrics metrics;
    private final OffsetLedger<TopicPartition> ledger = new OffsetLedger<>();
    private long nextCommitNanos;

    OffsetCommitter(Consumer<?, ?> consumer, Duration interval, SinkMetrics metrics) {
        this.consumer = consumer;
        this.interval = interval;
        this.metrics = metrics;
    }

    /** Starts tracking the record; the first record of an assignment starts the partition's generation. */
    Ticket<TopicPartition> track(TopicPartition partition, long offset) {
        if (!ledger.isAssigned(partition)) {
            ledger.assign(partition, offset);
        }
        return ledger.track(partition, offset);
    }

    /** Whether the ticket is still pending in the current generation (not done, not revoked). */
    boolean isPending(Ticket<TopicPartition> ticket) {
        return ledger.isPending(ticket);
    }

    void complete(Ticket<TopicPartition> ticket) {
        ledger.complete(ticket);
    }

    void revoke(Collection<TopicPartition> partitions) {
        ledger.revoke(partitions);
    }

    void commitIfDue() {
        long now = System.nanoTime();
        if (now - nextCommitNanos < 0) {
            return;
        }
        nextCommitNanos = now + interval.toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(ledger.uncommitted());
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    committed.forEach((partition, offset) -> ledger.markCommitted(partition, offset.offset()));
                } else {
                    log.warn("Committing offsets failed ({}); the next commit carries them", error.toString());
                }
            });
        }
        recordLag();
    }

    void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>(ledger.uncommitted());
        positions.keySet().retainAll(partitions);
        Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(positions);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> ledger.markCommitted(partition, offset.offset()));
            log.info("Committed {}", positionsForLog(offsets));
        } catch (RuntimeException e) {
            log.warn("Committing {} failed ({}); those records will be read again", positionsForLog(offsets),
                    e.toString());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> toCommit(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        positions.forEach((partition, position) -> offsets.put(partition, new OffsetAndMetadata(position)));
        return offsets;
    }

    private static List<String> positionsForLog(Map<TopicPartition, OffsetAndMetadata> offsets) {
        List<String> out = new ArrayList<>();
        offsets.forEach((partition, offset) -> out.add(partition + "@" + offset.offset()));
        return out;
    }

    private void recordLag() {
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong fetchLag = consumer.currentLag(partition);
            OptionalLong committable = ledger.commitPosition(partition);
            if (fetchLag.isPresent() && committable.isPresent()) {
                long end = consumer.position(partition) + fetchLag.getAsLong();
                metrics.lag(partition, Math.max(0, end - committable.getAsLong()));
            }
        }
    }
}
