package io.newsflow.sink.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Flow control by pausing partitions while the consumer keeps polling (so the group never rebalances), in the mould
 * of kafka-connect-elasticsearch's {@code PartitionPauser}: the poll loop says which partitions must not deliver
 * now, this pauses exactly those of the assignment and resumes the rest. Owned by the poll thread.
 */
final class PartitionPauser {

    private final Consumer<?, ?> consumer;

    PartitionPauser(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /**
     * Pauses the assigned partitions in {@code wanted} (every assigned one when {@code all}) and resumes every other
     * paused one.
     *
     * @return how many assigned partitions are paused now
     */
    int pauseExactly(Set<TopicPartition> wanted, boolean all) {
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> target = new HashSet<>(all ? assignment : wanted);
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
