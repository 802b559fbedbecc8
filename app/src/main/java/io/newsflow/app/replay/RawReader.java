package io.newsflow.app.replay;

import io.newsflow.avro.RawArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic from its beginning up to the end offsets it had when the read began, with no consumer group (the
 * partitions are assigned, nothing is committed): what a dry run needs to look at raw articles without moving anyone's
 * offsets. Stops early after {@code limit} records {@code select} accepted.
 */
public final class RawReader {
    private RawReader() {}

    /** Reads and hands each accepted record to {@code each}; returns how many records were read in all. */
    public static long read(Consumer<String, RawArticle> consumer, String topic, BiPredicate<String, RawArticle> select,
            int limit, BiConsumer<String, RawArticle> each) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
        end.entrySet().removeIf(e -> e.getValue() <= 0);
        long read = 0;
        int accepted = 0;
        while (!end.isEmpty() && accepted < limit) {
            for (ConsumerRecord<String, RawArticle> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long stop = end.get(partition);
                if (stop == null || record.offset() >= stop) {
                    continue;
                }
                read++;
                if (accepted < limit && record.value() != null && select.test(record.key(), record.value())) {
                    accepted++;
                    each.accept(record.key(), record.value());
                }
                if (record.offset() + 1 >= stop) {
                    end.remove(partition);
                }
            }
            end.keySet().removeIf(p -> consumer.position(p) >= end.get(p));
        }
        return read;
    }
}
