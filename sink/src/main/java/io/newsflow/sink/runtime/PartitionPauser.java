package io.newsflow.sink.runtime;

import io.newsflow.sink.write.PendingRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Flow control by pausing partitions while the consumer keeps polling (so the group never rebalances), in the mould
 * of kafka-connect-elasticsearch's {@code PartitionPauser}: the poll loop says which partitions must not deliver
 * now, this pauses exactly those of the assignment and resumes the rest. A partition with a record that met an
 * environment fault stays paused until that record succeeded (or was settled otherwise), not only while the record
 * waits for its retry: a partition whose retry is in flight does not fill memory with records that would meet the
 * same fault. Owned by the poll thread.
 */
final class PartitionPauser {

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, Integer> faulted = new HashMap<>();

    PartitionPauser(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** The record met an environment fault: its partition stays paused until {@link #settled} is called for it. */
    void faulted(PendingRecord record) {
        if (!record.inFault()) {
            record.inFault(true);
            faulted.merge(record.partition(), 1, Integer::sum);
        }
    }

    /** The record is done (or released): it no longer holds its partition paused. */
    void settled(PendingRecord record) {
        if (record.inFault()) {
            record.inFault(false);
            faulted.computeIfPresent(record.partition(), (p, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Forgets the partitions' faulted records (revoked or lost). */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(faulted::remove);
    }

    /** Partitions with a record that met an environment fault and is not settled yet. */
    Set<TopicPartition> faultedPartitions() {
        return faulted.keySet();
    }

    /**
     * Pauses the assigned partitions in {@code wanted} (and those with a faulted record) (every assigned one when {@code all}) and resumes every other
     * paused one.
     *
     * @return how many assigned partitions are paused now
     */
    int pauseExactly(Set<TopicPartition> wanted, boolean all) {
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> target = new HashSet<>(all ? assignment : wanted);
        target.addAll(faulted.keySet());
        target.retainAll(assignment);
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> toPause = target.stream().filter(p -> !paused.contains(p)).toList();
        List<TopicPartition> toResume = paused.stream()
                .filter(p -> assignment.contains(p) && !target.contains(p))
                .toList();
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        return target.size();
    }

    /** Pauses every assigned partition (shutdown drain). */
    void pauseAll() {
        consumer.pause(consumer.assignment());
    }

    /** Whether there is an assignment and every partition of it is paused: a poll can return nothing. */
    boolean allPaused() {
        Set<TopicPartition> assignment = consumer.assignment();
        return !assignment.isEmpty() && consumer.paused().containsAll(assignment);
    }
}
