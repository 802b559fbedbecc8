package io.newsflow.sink.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Records waiting for their next attempt, ordered by when it is due, with a count per partition so the poll loop
 * knows which partitions to keep paused. Owned by the poll loop.
 */
public final class RetryQueue {

    /** What the retry does once due: index again, or send the dead letter again. */
    public enum Kind { INDEX, DEAD_LETTER }

    /** A record due at {@code dueNanos} (on the {@link System#nanoTime()} clock). */
    public record Waiting(long dueNanos, long sequence, PendingRecord record, Kind kind) {}

    private final PriorityQueue<Waiting> queue = new PriorityQueue<>((a, b) -> a.dueNanos() != b.dueNanos()
            ? Long.compare(a.dueNanos(), b.dueNanos())
            : Long.compare(a.sequence(), b.sequence()));
    private final Map<TopicPartition, Integer> perPartition = new HashMap<>();
    private long sequence;

    public void schedule(PendingRecord record, long dueNanos, Kind kind) {
        queue.add(new Waiting(dueNanos, sequence++, record, kind));
        perPartition.merge(record.partition(), 1, Integer::sum);
    }

    /** Removes and returns what is due at {@code nowNanos}, earliest first. */
    public List<Waiting> takeDue(long nowNanos) {
        List<Waiting> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().dueNanos() - nowNanos <= 0) {
            Waiting waiting = queue.poll();
            perPartition.computeIfPresent(waiting.record().partition(), (p, n) -> n == 1 ? null : n - 1);
            due.add(waiting);
        }
        return due;
    }

    /** When the next record is due, if any. */
    public OptionalLong nextDueNanos() {
        return queue.isEmpty() ? OptionalLong.empty() : OptionalLong.of(queue.peek().dueNanos());
    }

    /** Partitions with at least one record waiting. */
    public Set<TopicPartition> partitions() {
        return perPartition.keySet();
    }

    /** Drops the waiting records of the partitions; returns how many were dropped. */
    public int drop(Collection<TopicPartition> partitions) {
        int dropped = 0;
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext(); ) {
            if (partitions.contains(it.next().record().partition())) {
                it.remove();
                dropped++;
            }
        }
        partitions.forEach(perPartition::remove);
        return dropped;
    }

    public int size() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
