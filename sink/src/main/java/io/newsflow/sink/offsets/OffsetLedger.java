package io.newsflow.sink.offsets;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which offsets of each partition may be committed: only the unbroken run of records that are done (acknowledged by
 * Elasticsearch, skipped as stale, or dead-lettered with the dead letter acknowledged).
 *
 * <p>Plain Java, no Kafka: the partition is any value with equals/hashCode. The commit position of a partition is
 * the smallest offset still pending, or one past the highest offset tracked when nothing is pending; offsets that
 * were never tracked (compacted away, transaction markers) therefore never block it. Every assignment of a
 * partition gets a new generation, so an acknowledgement that arrives after the partition was revoked (and maybe
 * assigned again) is recognised as stale and ignored. Not thread-safe: one thread (the poll loop) owns it.
 *
 * @param <P> the partition type
 */
public final class OffsetLedger<P> {

    private final Map<P, PartitionState> partitions = new LinkedHashMap<>();
    private long generations;
    private int pending;

    /**
     * Starts tracking a partition from {@code position}, the offset of the next record it will deliver. A partition
     * already tracked is started afresh (a new generation): its pending records are forgotten.
     */
    public void assign(P partition, long position) {
        Objects.requireNonNull(partition, "partition");
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, was " + position + " for " + partition);
        }
        PartitionState previous = partitions.put(partition, new PartitionState(++generations, position));
        if (previous != null) {
            pending -= previous.pending.size();
        }
    }

    /** Forgets the partitions: their pending records will not be committed and late acknowledgements are ignored. */
    public void revoke(Collection<P> revoked) {
        for (P partition : revoked) {
            PartitionState state = partitions.remove(partition);
            if (state != null) {
                pending -= state.pending.size();
            }
        }
    }

    /** Whether the partition is currently tracked. */
    public boolean isAssigned(P partition) {
        return partitions.containsKey(partition);
    }

    /**
     * Records that the record at {@code offset} was handed to the writer and is now pending. Offsets of a partition
     * must be tracked in increasing order, as a consumer delivers them.
     *
     * @return the ticket to complete it with
     * @throws IllegalStateException when the partition is not assigned or the offset does not increase
     */
    public Ticket<P> track(P partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state == null) {
            throw new IllegalStateException("partition " + partition + " is not assigned");
        }
        if (offset < state.nextExpected) {
            throw new IllegalStateException("offset " + offset + " of " + partition
                    + " is not after the last one tracked (next expected >= " + state.nextExpected + ")");
        }
        state.pending.add(offset);
        state.nextExpected = offset + 1;
        pending++;
        return new Ticket<>(partition, offset, state.generation);
    }

    /**
     * Marks a pending record done. Completing a record twice, or one from a previous generation of its partition,
     * changes nothing.
     *
     * @return true when the record was pending in the current generation
     */
    public boolean complete(Ticket<P> ticket) {
        PartitionState state = partitions.get(ticket.partition());
        if (state == null || state.generation != ticket.generation()) {
            return false;
        }
        boolean removed = state.pending.remove(ticket.offset());
        if (removed) {
            pending--;
        }
        return removed;
    }

    /** Whether the ticket belongs to the current generation of its partition and is still pending. */
    public boolean isPending(Ticket<P> ticket) {
        PartitionState state = partitions.get(ticket.partition());
        return state != null && state.generation == ticket.generation() && state.pending.contains(ticket.offset());
    }

    /** The offset to commit for the partition: the next record a restarted consumer must read. */
    public OptionalLong commitPosition(P partition) {
        PartitionState state = partitions.get(partition);
        return state == null ? OptionalLong.empty() : OptionalLong.of(state.commitPosition());
    }

    /** Positions that moved past what was last marked committed, in assignment order. */
    public Map<P, Long> uncommitted() {
        Map<P, Long> result = new LinkedHashMap<>();
        partitions.forEach((partition, state) -> {
            long position = state.commitPosition();
            if (position > state.committed) {
                result.put(partition, position);
            }
        });
        return result;
    }

    /** Notes that {@code position} was committed for the partition (ignored when it is not assigned). */
    public void markCommitted(P partition, long position) {
        PartitionState state = partitions.get(partition);
        if (state != null && position > state.committed) {
            state.committed = position;
        }
    }

    /** Records pending across all partitions. */
    public int pendingCount() {
        return pending;
    }

    /** Records pending in one partition. */
    public int pendingCount(P partition) {
        PartitionState state = partitions.get(partition);
        return state == null ? 0 : state.pending.size();
    }

    /** A snapshot of the pending counts by partition, for metrics. */
    public Map<P, Integer> pendingByPartition() {
        Map<P, Integer> result = new HashMap<>();
        partitions.forEach((partition, state) -> result.put(partition, state.pending.size()));
        return result;
    }

    /**
     * Identifies one tracked record in one generation of its partition.
     *
     * @param <P> the partition type
     */
    public record Ticket<P>(P partition, long offset, long generation) {}

    private static final class PartitionState {
        final long generation;
        final TreeSet<Long> pending = new TreeSet<>();
        long nextExpected;
        long committed;

        PartitionState(long generation, long position) {
            this.generation = generation;
            this.nextExpected = position;
            this.committed = position;
        }

        long commitPosition() {
            return pending.isEmpty() ? nextExpected : pending.first();
        }
    }
}
