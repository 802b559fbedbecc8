package io.newsflow.sink.write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Records waiting for their next attempt, ordered by when it is due, with a count per partition so the poll loop
 * knows which partitions to keep paused. Owned by the poll loop.
 */
public final class RetryQueue {

    /** What the retry does once due: process again (decode if never decoded, then index), or send the dead letter again. */
    public enum Kind { INDEX, DEAD_LETTER }

    /** A record due at {@code due}. */
    public record Waiting(Instant due, long sequence, PendingRecord record, Kind kind) {}

    private final PriorityQueue<Waiting> queue = new PriorityQueue<>((a, b) -> !a.due().equals(b.due())
            ? a.due().compareTo(b.due())
            : Long.compare(a.sequence(), b.sequence()));
    private final Map<TopicPartition, Integer> perPartition = new HashMap<>();
    private long sequence;

    public void schedule(PendingRecord record, Instant due, Kind kind) {
        queue.add(new Waiting(due, sequence++, record, kind));
        perPartition.merge(record.partition(), 1, Integer::sum);
    }

    /** Removes and returns what is due at {@code now}, earliest first. */
    public List<Waiting> takeDue(Instant now) {
        List<Waiting> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().due().isAfter(now)) {
            Waiting waiting = queue.poll();
            perPartition.computeIfPresent(waiting.record().partition(), (p, n) -> n == 1 ? null : n - 1);
            due.add(waiting);
        }
        return due;
    }

    /** When the next record is due, if any. */
    public Optional<Instant> nextDue() {
        return queue.isEmpty() ? Optional.empty() : Optional.of(queue.peek().due());
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
