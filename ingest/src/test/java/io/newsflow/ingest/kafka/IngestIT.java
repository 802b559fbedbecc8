package io.newsflow.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.BodySource;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.ingest.IngestService;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.poll.SafeFetching;
import io.newsflow.ingest.testing.FeedServer;
import io.newsflow.schemas.Hashes;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroDeserializer;
import io.newsflow.stack.Server;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import io.newsflow.stack.junit.StackServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ingest on the real stack: a local web server serves feeds and pages; articles are read back from Kafka. */
@ExtendWith(StackExtension.class)
@StackServers({Server.KAFKA, Server.REGISTRY})
class IngestIT {
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final FeedServer web = new FeedServer();
    private final List<ConsumerRecord<String, RawArticle>> published = new CopyOnWriteArrayList<>();
    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private String run;
    private Path config;
    private StackEndpoints endpoints;
    private Thread reader;
    private volatile boolean reading = true;

    IngestIT() throws Exception {}

    @BeforeEach
    void setUp(StackEndpoints endpoints) throws Exception {
        this.endpoints = endpoints;
        run = UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(dir.resolve("feeds.d"));
        config = dir.resolve("newsflow.yml");
        writeConfig(POLL_INTERVAL, Duration.ofDays(30));
        reader = Thread.ofVirtual().start(this::readRawTopic);
    }

    private void writeConfig(Duration pollInterval, Duration ledgerRetention) throws java.io.IOException {
        Files.writeString(config, """
                topics:
                  raw: it-raw-%s
                ingest:
                  ledgerTopic: it-ledger-%s
                  ledgerRetention: %ds
                  feedsDir: feeds.d
                  defaultPollInterval: %ds
                  jitter: 0
                  cycleWindow: 0ms
                  reload:
                    debounce: 100ms
                    rescan: 2s
                  feeds:
                    - url: %s
                      allowPrivateAddress: true
                """.formatted(run, run, ledgerRetention.toSeconds(), pollInterval.toSeconds(), web.url("/alpha.xml")));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        reading = false;
        reader.join(Duration.ofSeconds(10));
        web.close();
    }

    private IngestService startIngest(SimpleMeterRegistry meters) throws Exception {
        ConfigSource source = ConfigSource.load(config, Map.of(
                "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers(),
                "NEWSFLOW_REGISTRY_URL", endpoints.registryUrl()));
        IngestSettings settings = IngestSettings.from(source.root(), dir);
        KafkaSettings kafka = KafkaSettings.from(source.root());
        RegistrySettings registry = RegistrySettings.from(source.root());
        Topics topics = io.newsflow.common.config.TopicSettings.from(source.root());
        source.throwIfInvalid();
        return IngestKafka.start(settings, kafka, registry, topics, SafeFetching.create(settings),
                config, Map.of(), meters, (reason, cause) -> fatal.add(reason));
    }

    /** Reads articles.raw back through the real registry, as any consumer would (read_committed, as enrich does). */
    private void readRawTopic() {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        AvroDeserializer<RawArticle> values = new AvroDeserializer<>(RawArticle.class);
        values.configure(Map.of("schema.registry.url", endpoints.registryUrl()), false);
        try (KafkaConsumer<String, RawArticle> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of("it-raw-" + run));
            while (reading) {
                consumer.poll(Duration.ofMillis(200)).forEach(published::add);
            }
        }
    }

    private List<String> titles() {
        return published.stream().map(record -> record.value().getItem().getTitle()).toList();
    }

    @Test
    void shouldPublishFeedsAndADroppedFileOnceAcrossARestartAndAnEditedPageAgain()
            throws Exception {
        web.rss("alpha", 3, 1);
        for (int i = 1; i <= 3; i++) {
            web.page("alpha", i, "Alpha article " + i);
        }
        web.rss("beta", 2, 1);
        web.page("beta", 1, "Beta article 1");
        web.page("beta", 2, "Beta article 2");

        try (IngestService ingest = startIngest(new SimpleMeterRegistry())) {
            // 1. The configured feed's items arrive on the raw topic, decoded through the real registry.
            await().atMost(Duration.ofSeconds(60)).until(() -> published.size() >= 3);
            ConsumerRecord<String, RawArticle> first = published.stream()
                    .filter(record -> record.value().getItem().getTitle().equals("alpha 1")).findFirst().orElseThrow();
            assertThat(first.key()).isEqualTo(first.value().getId()).hasSize(32);
            assertThat(first.value().getBodySource()).isEqualTo(BodySource.PAGE);
            assertThat(first.value().getCanonicalUrl()).isEqualTo(web.url("/alpha/1.html"));
            assertThat(StandardCharsets.UTF_8.decode(first.value().getBody()).toString()).contains("Alpha article 1");
            assertThat(first.value().getFeedUrl()).isEqualTo(web.url("/alpha.xml"));

            // 2. A feed file dropped in while running: its items are published within one poll interval.
            // (as a .yml: the local server is on a loopback address, which a feed must be allowed explicitly)
            Files.writeString(dir.resolve("feeds.d/beta.yml"),
                    "feeds:\n  - url: " + web.url("/beta.xml") + "\n    allowPrivateAddress: true\n");
            await().atMost(POLL_INTERVAL).until(() -> titles().containsAll(List.of("beta 1", "beta 2")));
        }
        assertThat(titles()).containsExactlyInAnyOrder("alpha 1", "alpha 2", "alpha 3", "beta 1", "beta 2");

        // 3. After a restart nothing is published again; 4. an edited page is published once more.
        web.page("alpha", 2, "Alpha article 2, corrected");
        web.rss("alpha", 3, 2); // the feed says its items were updated
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (IngestService ingest = startIngest(meters)) {
            // Both feeds polled twice since the restart, every send acknowledged: all that will come has come.
            await().atMost(POLL_INTERVAL.multipliedBy(4)).until(() -> meters.find("newsflow.ingest.feeds.polled")
                    .counters().stream().mapToDouble(counter -> counter.count()).sum() >= 4);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() >= 6);
        assertThat(published).hasSize(6);
        List<ConsumerRecord<String, RawArticle>> alpha2 = published.stream()
                .filter(record -> record.value().getItem().getTitle().equals("alpha 2")).toList();
        assertThat(alpha2).hasSize(2);
        assertThat(alpha2).extracting(ConsumerRecord::key).containsOnly(alpha2.getFirst().value().getId());
        assertThat(alpha2).extracting(record -> record.value().getContentHash()).doesNotHaveDuplicates();
        assertThat(StandardCharsets.UTF_8.decode(alpha2.get(1).value().getBody()).toString()).contains("corrected");
        assertThat(fatal).isEmpty();
    }

    @Test
    void shouldTombstoneTheEntriesOfAnItemGoneLongerThanTheRetentionAndRestoreOnlyTheLiveOnes() throws Exception {
        Duration retention = Duration.ofSeconds(3);
        writeConfig(Duration.ofSeconds(1), retention);
        web.rss("alpha", 3, 1);
        for (int i = 1; i <= 3; i++) {
            web.page("alpha", i, "Alpha article " + i);
        }
        String goneItem = "item:" + Hashes.sha256Hex("alpha-3");
        try (IngestService ingest = startIngest(new SimpleMeterRegistry())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> published.size() >= 3);
            web.rss("alpha", 2, 1); // alpha 3 leaves the feed; alpha 1 and 2 stay as they were
            await().atMost(Duration.ofSeconds(60)).until(() -> ledgerRecords().stream()
                    .anyMatch(record -> record.key().equals(goneItem) && record.value() == null));
        }
        String goneArticle = published.stream().filter(r -> r.value().getItem().getTitle().equals("alpha 3"))
                .findFirst().orElseThrow().key();
        List<ConsumerRecord<String, String>> ledger = ledgerRecords();
        ConsumerRecord<String, String> marked = ledger.stream()
                .filter(r -> r.key().equals(goneItem) && r.value() != null && r.value().contains(" gone=")).findFirst()
                .orElseThrow();
        long goneSince = Long.parseLong(marked.value().substring(marked.value().indexOf(" gone=") + 6).split(" ")[0]);
        List<ConsumerRecord<String, String>> tombstones = ledger.stream().filter(r -> r.value() == null).toList();
        assertThat(tombstones).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(goneItem, goneArticle);
        assertThat(tombstones).allSatisfy(tombstone -> {
            assertThat(tombstone.timestamp()).as("written once the retention was over")
                    .isGreaterThanOrEqualTo((goneSince + retention.toSeconds()) * 1000);
            assertThat(tombstone.partition()).as("on the feed's partition, with its other entries")
                    .isEqualTo(marked.partition());
        });

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (IngestService ingest = startIngest(meters)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> counter(meters, "newsflow.ingest.items", "unchanged") >= 4);
            assertThat(gauge(meters, "newsflow.ingest.ledger.articles")).as("articles restored").isEqualTo(2);
            assertThat(gauge(meters, "newsflow.ingest.ledger.items")).as("items restored").isEqualTo(2);
        }
        assertThat(titles()).as("nothing published again").containsExactlyInAnyOrder("alpha 1", "alpha 2", "alpha 3");
        assertThat(fatal).isEmpty();
    }

    private static double counter(SimpleMeterRegistry meters, String name, String result) {
        return meters.find(name).tag("result", result).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double gauge(SimpleMeterRegistry meters, String name) {
        return meters.find(name).gauge().value();
    }

    /** Every committed record of the ledger topic, tombstones included, from the beginning. */
    private List<ConsumerRecord<String, String>> ledgerRecords() {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("it-ledger-" + run).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
