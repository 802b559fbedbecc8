package io.newsflow.sink.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/** A {@link MockConsumer} that remembers every commit, readable after close and after revocation. */
public final class RecordingConsumer extends MockConsumer<byte[], byte[]> {

    private final Map<TopicPartition, Long> lastCommitted = new ConcurrentHashMap<>();
    private final List<Map<TopicPartition, Long>> commits = new CopyOnWriteArrayList<>();

    public RecordingConsumer() {
        super("earliest");
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        record(offsets);
    }

    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
            OffsetCommitCallback callback) {
        super.commitAsync(offsets, callback);
        record(offsets);
    }

    private void record(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> commit = new java.util.HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(partition, offset.offset()));
        commits.add(Map.copyOf(commit));
        lastCommitted.putAll(commit);
    }

    /** The last offset committed for the partition, 0 when none was. */
    public long lastCommitted(TopicPartition partition) {
        return lastCommitted.getOrDefault(partition, 0L);
    }

    /** Every commit, in order. */
    public List<Map<TopicPartition, Long>> commits() {
        return List.copyOf(commits);
    }
}
