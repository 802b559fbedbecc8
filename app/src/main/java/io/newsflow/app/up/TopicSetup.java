package io.newsflow.app.up;

import io.newsflow.common.config.KafkaSettings;
import io.newsflow.schemas.RecordSizes;
import io.newsflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The pipeline's topics and how they are created: by {@code newsflow up} on the local stack and by the compose
 * init job ({@code newsflow topics create}), so both get the same names and settings.
 */
public final class TopicSetup {

    /** Raw articles are kept forever: improving the cleaner means replaying them, not re-crawling the web. */
    static final String KEEP_FOREVER = "-1";
    static final String THIRTY_DAYS = Long.toString(Duration.ofDays(30).toMillis());

    /** A topic to create. */
    public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        public TopicSpec {
            configs = Map.copyOf(configs);
        }

        NewTopic toNewTopic() {
            return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor)).configs(configs);
        }
    }

    /** The ledger's partitions: ingest's default {@code ingest.group.ledgerPartitions}. */
    public static final int LEDGER_PARTITIONS = 12;

    private TopicSetup() {}

    /**
     * The topics of the pipeline: raw (kept forever), clean, dead letters (30 days) with {@code partitions} each and
     * {@link RecordSizes#maxMessageBytes()}, ingest's ledger (compacted, {@value #LEDGER_PARTITIONS} partitions, as
     * ingest itself would create it: feeds are hashed by host onto them), the redrive ledger of {@code newsflow dlq
     * redrive} (compacted, one partition), and source health (compacted: the latest state of each source is kept,
     * keyed by source).
     */
    public static List<TopicSpec> pipeline(Topics topics, String ledgerTopic, String redrivenTopic, int partitions,
            short replication) {
        if (partitions < 1 || replication < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1");
        }
        return List.of(
                new TopicSpec(topics.raw().name(), partitions, replication, sized(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                        KEEP_FOREVER))),
                new TopicSpec(topics.clean().name(), partitions, replication, sized(Map.of())),
                new TopicSpec(topics.deadLetters().name(), partitions, replication, sized(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS))),
                new TopicSpec(ledgerTopic, LEDGER_PARTITIONS, replication, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)),
                new TopicSpec(redrivenTopic, 1, replication, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)),
                new TopicSpec(topics.health().name(), partitions, replication, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /** The configs of a pipeline topic plus its size limit, from {@link RecordSizes}. */
    private static Map<String, String> sized(Map<String, String> configs) {
        Map<String, String> all = new HashMap<>(RecordSizes.topicConfigs());
        all.putAll(configs);
        return all;
    }

    /**
     * Creates the topics that do not exist yet; existing ones are left as they are. Returns the names it created.
     *
     * @throws IllegalStateException naming the broker and the topic when Kafka refuses or does not answer in time
     */
    public static List<String> create(KafkaSettings kafka, List<TopicSpec> specs, Duration timeout)
            throws InterruptedException {
        Map<String, Object> config = kafka.clientConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> created = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (existing.contains(spec.name())) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(spec.toNewTopic())).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(spec.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " refused to create "
                                + spec.name() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of Kafka at " + kafka.bootstrapServers() + " within "
                    + timeout.toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }
}
