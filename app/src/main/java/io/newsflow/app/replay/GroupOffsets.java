package io.newsflow.app.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka's own bookkeeping, as a replay uses it: end offsets, a group's committed offsets (where it starts, how far it
 * got), and the deletion of a finished replay's groups and Streams internal topics (what
 * {@code kafka-consumer-groups --delete} and {@code kafka-streams-application-reset} do).
 */
final class GroupOffsets implements AutoCloseable {
    private static final Duration GROUP_EMPTY_PATIENCE = Duration.ofSeconds(60);
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    GroupOffsets(Map<String, Object> clientConfig) {
        this.admin = Admin.create(clientConfig);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-replay-probe");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.probe = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic's end offsets now, partition by partition. */
    Map<TopicPartition, Long> end(String topic) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        description.partitions().forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** Sets where a group that has not run yet starts ({@code kafka-consumer-groups --reset-offsets}). */
    void startAt(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        offsets.forEach((tp, offset) -> start.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, start).all().get();
    }

    /** Records the group has committed, partition by partition, capped at {@code end}. */
    long committed(String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = offsets(group);
        long done = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata offset = offsets.get(e.getKey());
            done += offset == null ? 0 : Math.min(offset.offset(), e.getValue());
        }
        return done;
    }

    /**
     * Whether the group has committed everything before {@code end}: on every partition its committed offset is at
     * the end, or only offsets that hold no committed record (transaction markers, aborted records) lie between.
     */
    boolean caughtUp(String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = offsets(group);
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata offset = offsets.get(e.getKey());
            long from = offset == null ? 0 : offset.offset();
            if (from < e.getValue() && holdsRecords(e.getKey(), from, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Deletes the groups and the internal topics of the Streams application {@code applicationId}. */
    void deleteReplayState(String applicationId, List<String> groups) throws Exception {
        List<String> internal = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(applicationId + "-")
                        && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .toList();
        if (!internal.isEmpty()) {
            admin.deleteTopics(internal).all().get();
        }
        for (String group : groups) {
            deleteGroup(group);
        }
    }

    /** Deletes the group once its last member has left (a closing consumer's leave can take a moment to land). */
    private void deleteGroup(String group) throws Exception {
        long deadline = System.nanoTime() + GROUP_EMPTY_PATIENCE.toNanos();
        while (true) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(500); // the broker's view of the group is what we wait for
            }
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> offsets(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        offsets.forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o);
            }
        });
        return out;
    }

    /** Whether a read_committed consumer finds a record in {@code [from, to)} of the partition. */
    private boolean holdsRecords(TopicPartition partition, long from, long to) {
        probe.assign(List.of(partition));
        probe.seek(partition, from);
        for (int polls = 0; polls < 10; polls++) {
            for (var record : probe.poll(Duration.ofMillis(200))) {
                if (record.offset() < to) {
                    return true;
                }
            }
            if (probe.position(partition) >= to) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        probe.close();
        admin.close();
    }
}
