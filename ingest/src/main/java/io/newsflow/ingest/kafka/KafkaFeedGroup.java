package io.newsflow.ingest.kafka;

import io.newsflow.common.config.KafkaSettings;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.config.GroupSettings;
import io.newsflow.ingest.group.ConfigDigest;
import io.newsflow.ingest.group.FeedGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's group on Kafka's consumer-group protocol: a consumer of the ledger topic in group {@code ingest.group.id}
 * with the {@link CooperativeStickyAssignor}. A partition assigned is read from its beginning to the end offset it
 * had then ({@code read_committed}: the last stable offset) into the ledger before its feeds are polled; the
 * partition is then followed, so entries this instance writes come back harmlessly. A partition revoked stops its
 * feeds' polls before the callback returns, so its next owner is assigned it only after those polls ended (the
 * cooperative protocol revokes first, assigns in a second round). Every transaction commits under this consumer's
 * group metadata (KIP-447, {@link KafkaTransactions.Fence}): one that lost its partitions without being told is
 * refused by the coordinator.
 *
 * <p>Besides, each instance puts a digest of its feed configuration on {@code <ledgerTopic>.instances} (compacted,
 * key = instance name) and reads the others': a difference is logged as a warning naming the feeds.
 */
final class KafkaFeedGroup implements FeedGroup {
    private static final Logger log = LoggerFactory.getLogger(KafkaFeedGroup.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int NAMED_FEEDS = 10;

    private final KafkaSettings kafka;
    private final String topic;
    private final GroupSettings settings;
    private final String instance;
    private final int partitions;
    private final KafkaTransactions transactions;

    KafkaFeedGroup(KafkaSettings kafka, String topic, GroupSettings settings, String instance, int partitions,
            KafkaTransactions transactions) {
        this.kafka = kafka;
        this.topic = topic;
        this.settings = settings;
        this.instance = instance;
        this.partitions = partitions;
        this.transactions = transactions;
    }

    static String instancesTopic(String ledgerTopic) {
        return ledgerTopic + ".instances";
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public int partitionOf(String hostKey) {
        return LedgerPartitions.of(hostKey, partitions);
    }

    @Override
    public AutoCloseable join(Member member) {
        Runner runner = new Runner(member);
        Thread thread = Thread.ofPlatform().name("ingest-group").daemon(true).start(runner);
        return () -> {
            runner.closing = true;
            runner.consumer.wakeup();
            thread.join(Duration.ofSeconds(30));
        };
    }

    private final class Runner implements Runnable, ConsumerRebalanceListener {
        final Member member;
        final KafkaConsumer<String, String> consumer;
        final KafkaConsumer<String, String> board;
        final Map<TopicPartition, Long> restoring = new HashMap<>();
        final Map<String, String> warned = new HashMap<>();
        final Map<String, ConfigDigest> others = new HashMap<>();
        volatile boolean closing;
        ConfigDigest published;
        /** The configured feeds {@link #published} was computed from (compared by reference). */
        List<FeedSpec> digested;

        Runner(Member member) {
            this.member = member;
            Map<String, Object> config = kafka.clientConfig();
            config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-ingest-group-" + instance);
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.sessionTimeout().toMillis() / 4);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
            this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
            Map<String, Object> boardConfig = kafka.clientConfig();
            boardConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-ingest-instances-" + instance);
            boardConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            boardConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            this.board = new KafkaConsumer<>(boardConfig, new StringDeserializer(), new StringDeserializer());
        }

        @Override
        public void run() {
            try (consumer; board) {
                TopicPartition boardPartition = new TopicPartition(instancesTopic(topic), 0);
                board.assign(List.of(boardPartition));
                board.seekToBeginning(List.of(boardPartition));
                consumer.subscribe(List.of(topic), this);
                transactions.fenceWith(this::fence);
                while (!closing) {
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                        if (record.key() != null) {
                            member.remember(record.key(), record.value()); // a null value is a tombstone
                        }
                    }
                    restored();
                    snapshotFence();
                    publishDigest();
                    for (ConsumerRecord<String, String> record : board.poll(Duration.ZERO)) {
                        compare(record);
                    }
                }
            } catch (WakeupException | InterruptException e) {
                // closing
            } catch (RuntimeException e) {
                log.error("the ingest group's consumer failed; this instance polls no feeds any more", e);
                member.release(member.configured().stream().map(f -> LedgerPartitions.of(f, partitions)).toList());
            } finally {
                transactions.fenceWith(() -> null);
                log.info("left group {}", settings.groupId());
            }
        }

        private volatile KafkaTransactions.Fence fence;

        private KafkaTransactions.Fence fence() {
            return fence;
        }

        private void snapshotFence() {
            Set<TopicPartition> assigned = consumer.assignment();
            if (assigned.isEmpty()) {
                fence = null;
                return;
            }
            TopicPartition first = assigned.iterator().next();
            fence = new KafkaTransactions.Fence(Map.of(first, new OffsetAndMetadata(consumer.position(first))),
                    consumer.groupMetadata());
        }

        /** Partitions read up to the end they had when assigned: their feeds are polled from now on. */
        private void restored() {
            Set<Integer> ready = new TreeSet<>();
            restoring.entrySet().removeIf(entry -> {
                long position = consumer.position(entry.getKey());
                if (position >= entry.getValue()) {
                    ready.add(entry.getKey().partition());
                    return true;
                }
                return false;
            });
            if (!ready.isEmpty()) {
                member.take(ready);
                log.info("partitions {} of {} restored; their feeds are polled by this instance ({})", ready, topic,
                        instance);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            restoring.putAll(end);
            log.info("assigned partitions {} of {} (generation {}); restoring their ledger up to offsets {}",
                    partitionsOf(assigned), topic, consumer.groupMetadata().generationId(), end);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            release(revoked, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            release(lost, "lost");
        }

        private void release(Collection<TopicPartition> released, String how) {
            if (released.isEmpty()) {
                return;
            }
            released.forEach(restoring::remove);
            snapshotFence();
            List<Integer> numbers = partitionsOf(released);
            member.release(numbers);
            log.info("partitions {} of {} {}; their feeds' polls have ended here", numbers, topic, how);
        }

        /**
         * Tells the group this instance's feed configuration when it changed. Runs on every turn of the consumer
         * loop, so the digest (every feed's identity canonicalised, sorted, hashed: about 6 % of one instance's CPU
         * when it was computed each turn) is only computed again for a new configuration, which
         * {@code FeedGroup.Member.configured()} hands out as a new list.
         */
        private void publishDigest() {
            List<FeedSpec> configured = member.configured();
            if (configured == digested) {
                return;
            }
            digested = configured;
            ConfigDigest now = ConfigDigest.of(configured);
            if (now.equals(published)) {
                return;
            }
            published = now;
            transactions.submit(List.of(new ProducerRecord<>(instancesTopic(topic), instance,
                    now.encode().getBytes(StandardCharsets.UTF_8))), false);
            others.forEach((other, digest) -> warnIfDifferent(other, digest));
        }

        private void compare(ConsumerRecord<String, String> record) {
            if (record.key() == null || record.key().equals(instance)) {
                return;
            }
            if (record.value() == null) {
                others.remove(record.key());
                return;
            }
            try {
                ConfigDigest theirs = ConfigDigest.decode(record.value());
                others.put(record.key(), theirs);
                warnIfDifferent(record.key(), theirs);
            } catch (IllegalArgumentException e) {
                log.warn("{}-{}@{}: not a feed-configuration digest ({})", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }

        private void warnIfDifferent(String other, ConfigDigest theirs) {
            if (published == null || theirs.hash().equals(published.hash())
                    || (published.hash() + theirs.hash()).equals(warned.get(other))) {
                return;
            }
            warned.put(other, published.hash() + theirs.hash());
            ConfigDigest.Difference difference = published.against(theirs);
            log.warn("WARNING: the feed configuration of this instance ({}, hash {}) differs from instance {}'s"
                    + " (hash {}) in group {}: {}. Each feed is polled by its owner only if the owner has it",
                    instance, published.hash(), other, theirs.hash(), settings.groupId(),
                    difference.describe(instance, other, NAMED_FEEDS));
            Set<String> missingHere = new HashSet<>();
            for (String feed : difference.onlyThere()) {
                int partition = LedgerPartitions.of(FeedSpec.ofUrl(feed, "instance " + other), partitions);
                if (member.owns(partition)) {
                    missingHere.add(feed);
                }
            }
            if (!missingHere.isEmpty()) {
                log.warn("WARNING: {} feeds configured on {} belong to partitions owned by this instance ({}), which"
                        + " does not have them and cannot poll them: {}", missingHere.size(), other, instance,
                        new TreeSet<>(missingHere).stream().limit(NAMED_FEEDS).toList());
            }
        }
    }

    private static List<Integer> partitionsOf(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }
}
