package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import io.newsflow.e2e.support.Elasticsearch;
import io.newsflow.e2e.support.ElasticsearchFaultProxy;
import io.newsflow.e2e.support.FailingStageForFaultTests;
import io.newsflow.e2e.support.FaultTable;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.e2e.support.SchemaVariant;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.e2e.support.SteadyProducer;
import io.newsflow.e2e.support.TopicTally;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.RecordSizes;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults production brings, one after the other, while raw articles keep arriving (a few per second, as a live
 * source sends them) through enrich and the sink running as their own JVMs: for every fault, every article published
 * while it lasted is in the index exactly once, the dead-letter topic holds only the poison planted on purpose (each
 * with its reason), and the pipeline recovers by itself once the fault ends. One stack and one pipeline serve every
 * fault (the sink talks to Elasticsearch through an {@link ElasticsearchFaultProxy}); the mapping upgrade runs a
 * sink of its own against an index created with the old mapping.
 *
 * <p>Fault lengths come from system properties (defaults: issue 11's lengths), so a developer can run them short:
 * {@code -Dfaults.registryOutage=20s -Dfaults.esRejects=30s ...} (docs/testing.md). The run writes the "faults
 * survived" table to {@code target/faults-survived.md} and prints it.
 */
@ExtendWith(StackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    private static final Logger log = LoggerFactory.getLogger(FaultsIT.class);

    private static final Duration REGISTRY_OUTAGE = length("faults.registryOutage", "60s");
    private static final Duration ES_REJECTS = length("faults.esRejects", "6m");
    private static final Duration DISK_FLOOD = length("faults.diskFlood", "2m");
    private static final Duration ES_OUTAGE = length("faults.esOutage", "5m");
    private static final Duration BROKER_OUTAGE = length("faults.brokerOutage", "60s");
    /** How long after a fault ends the pipeline may take to index everything published while it lasted. */
    private static final Duration RECOVERY_TIMEOUT = length("faults.recoveryTimeout", "5m");
    /** Raw articles per second while a fault runs. */
    private static final double RATE = Double.parseDouble(System.getProperty("faults.rate", "3"));
    /**
     * Size of the planted plain-text page whose clean article (its text twice: as text and as blocks) is over the
     * size limit of a record ({@link RecordSizes#MAX_RECORD_BYTES}), while the raw record itself is within it.
     */
    private static final int OVERSIZED_BYTES = Integer.parseInt(System.getProperty("faults.oversizedBytes",
            String.valueOf(6_000_000)));
    /** Room the raw topic and the test's producer leave for the oversized page. */
    private static final int RAW_RECORD_ROOM = OVERSIZED_BYTES + (1 << 20);
    /** Articles published before a fault begins and after it ends: it hits a pipeline in full flow. */
    private static final int LEAD = 15;
    /** Records written with a schema id no reader has seen, while the registry is down (raw and clean each). */
    private static final int VARIANTS = 10;
    /** The field the mapping upgrade adds: every document has it, the index created beforehand does not map it. */
    private static final String ADDED_FIELD = "enricherVersion";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Path TABLE_FILE = Path.of("target", "faults-survived.md");

    @RegisterExtension
    final Services services = new Services();

    private final FaultTable table = new FaultTable();
    /** The ids every fault so far found indexed: the index must hold exactly these documents. */
    private final Set<String> indexedSoFar = new HashSet<>();
    private Stack stack;
    private StackEndpoints endpoints;
    private PipelineConfig config;
    private ElasticsearchFaultProxy proxy;
    private Kafka kafka;
    private Elasticsearch elasticsearch;
    private ServiceProcess enrich;
    private ServiceProcess sink;
    private TopicTally clean;
    private TopicTally deadLetters;
    private List<RawArticles.Page> pages;
    private int phase;

    /** What a fault does to the pipeline's surroundings, and how it is undone. */
    private interface Fault {
        void begin() throws Exception;

        void end() throws Exception;
    }

    @BeforeAll
    void startPipeline(Stack stack, StackEndpoints endpoints) {
        this.stack = stack;
        this.endpoints = endpoints;
        log.info("Fault lengths: registry {}, ES 429 {}, disk flood {}, ES stopped {}, broker {}; recovery within {};"
                + " {} articles/s", REGISTRY_OUTAGE, ES_REJECTS, DISK_FLOOD, ES_OUTAGE, BROKER_OUTAGE,
                RECOVERY_TIMEOUT, RATE);
        pages = RawArticles.articles(RawArticles.realisticPages());
        elasticsearch = new Elasticsearch(endpoints.elasticsearchUrl());
        proxy = ElasticsearchFaultProxy.start(endpoints.elasticsearchUrl());
        config = PipelineConfig.forRun("faults", endpoints)
                .set("sink", "elasticsearch.urls", List.of(proxy.url()))
                .set("sink", "bulk.flushInterval", "200ms")
                .fastFailover();
        kafka = new Kafka(endpoints);
        // As `newsflow topics create` makes them (RecordSizes); the raw topic with room for the oversized page too.
        kafka.createTopics(3, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                String.valueOf(Math.max(RAW_RECORD_ROOM, RecordSizes.maxMessageBytes()))), config.rawTopic());
        kafka.createTopics(3, RecordSizes.topicConfigs(), config.cleanTopic(), config.deadLetterTopic());
        clean = TopicTally.readCommitted(kafka, config.cleanTopic());
        deadLetters = TopicTally.readCommitted(kafka, config.deadLetterTopic());
        sink = services.start(config, "sink", "256m");
        enrich = services.start(config, "enrich", "512m");
        sink.awaitUp(START_TIMEOUT);
        enrich.awaitUp(START_TIMEOUT);
    }

    @AfterAll
    void writeTable() {
        String markdown = table.writeTo(TABLE_FILE);
        System.out.println("Faults survived (" + TABLE_FILE.toAbsolutePath() + "):\n" + markdown);
        if (clean != null) {
            clean.close();
            deadLetters.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void shouldResolveEveryIdAndDeadLetterNothingWhenTheRegistryIsStoppedMidStream() throws Exception {
        String subjects = config.name() + "-fault-probe-";
        SchemaVariant<RawArticle> rawVariant = SchemaVariant.register(endpoints.registryUrl(), subjects + "raw",
                RawArticle.getClassSchema());
        SchemaVariant<CleanArticle> cleanVariant = SchemaVariant.register(endpoints.registryUrl(),
                subjects + "clean", CleanArticle.getClassSchema());
        Set<String> variants = new HashSet<>();
        survive("Schema Registry stopped", Optional.of(REGISTRY_OUTAGE), new Fault() {
            @Override
            public void begin() throws Exception {
                stack.stop(Server.REGISTRY);
                // Records under schema ids that neither enrich nor the sink has cached: they must ask the registry.
                try (KafkaProducer<String, byte[]> bytes = kafka.byteProducer()) {
                    for (int n = 0; n < VARIANTS; n++) {
                        RawArticle raw = raw("registry-variant", n);
                        send(bytes, config.rawTopic(), raw.getId(), rawVariant.encode(raw));
                        variants.add(raw.getId());
                        CleanArticle article = cleanArticle("registry-variant-clean", n);
                        send(bytes, config.cleanTopic(), article.getId(), cleanVariant.encode(article));
                        variants.add(article.getId());
                    }
                }
            }

            @Override
            public void end() {
                stack.start(Server.REGISTRY);
            }
        }, variants, 0);
    }

    @Test
    @Order(2)
    void shouldIndexEveryArticleWhenElasticsearchAnswers429ToEveryBulkItem() throws Exception {
        survive("Elasticsearch answers 429 to every bulk item", Optional.of(ES_REJECTS), new Fault() {
            @Override
            public void begin() {
                proxy.mode(ElasticsearchFaultProxy.Mode.REJECT_BULK_ITEMS);
            }

            @Override
            public void end() {
                proxy.mode(ElasticsearchFaultProxy.Mode.PASS_THROUGH);
                log.info("{} bulk items answered 429", proxy.rejectedItems());
            }
        }, Set.of(), 0);
        assertThat(proxy.rejectedItems()).as("bulk items the proxy rejected: the fault reached the sink").isPositive();
    }

    @Test
    @Order(3)
    void shouldIndexEveryArticleWhenTheDiskFloodStageBlocksTheIndex() throws Exception {
        survive("disk flood stage (index read-only)", Optional.of(DISK_FLOOD), new Fault() {
            @Override
            public void begin() {
                // Byte watermarks are the free space below which they apply: no disk has a petabyte free.
                elasticsearch.put("/_cluster/settings", """
                        {"persistent": {
                          "cluster.routing.allocation.disk.threshold_enabled": true,
                          "cluster.routing.allocation.disk.watermark.low": "1000tb",
                          "cluster.routing.allocation.disk.watermark.high": "1000tb",
                          "cluster.routing.allocation.disk.watermark.flood_stage": "1000tb",
                          "cluster.info.update.interval": "10s"}}""");
                Awaitility.await("the flood-stage block on " + config.alias())
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> elasticsearch.get("/" + config.alias() + "/_settings?flat_settings=true")
                                .findValues("index.blocks.read_only_allow_delete").stream()
                                .anyMatch(value -> value.asText().equals("true")));
            }

            @Override
            public void end() {
                elasticsearch.put("/_cluster/settings", """
                        {"persistent": {
                          "cluster.routing.allocation.disk.threshold_enabled": null,
                          "cluster.routing.allocation.disk.watermark.low": null,
                          "cluster.routing.allocation.disk.watermark.high": null,
                          "cluster.routing.allocation.disk.watermark.flood_stage": null,
                          "cluster.info.update.interval": null}}""");
                elasticsearch.put("/_all/_settings", "{\"index.blocks.read_only_allow_delete\": null}");
            }
        }, Set.of(), 0);
    }

    @Test
    @Order(4)
    void shouldIndexEveryArticleWhenElasticsearchIsStopped() throws Exception {
        survive("Elasticsearch stopped", Optional.of(ES_OUTAGE), stopped(Server.ELASTICSEARCH), Set.of(), 0);
    }

    @Test
    @Order(5)
    void shouldIndexEveryArticleWhenTheBrokerIsStopped() throws Exception {
        survive("Kafka broker stopped", Optional.of(BROKER_OUTAGE), stopped(Server.KAFKA), Set.of(), 0);
    }

    @Test
    @Order(6)
    void shouldIndexEveryArticleWhenTheSinkUpgradeAddsAFieldTheLiveIndexDoesNotMap() throws Exception {
        PipelineConfig upgrade = PipelineConfig.forRun("faults-mapping", endpoints).fastFailover();
        String liveIndex = upgrade.alias() + "-000001";
        ObjectNode mappings = (ObjectNode) shippedTemplate().path("template").path("mappings").deepCopy();
        ((ObjectNode) mappings.path("properties")).remove(ADDED_FIELD);
        ObjectNode index = Elasticsearch.JSON.createObjectNode();
        index.set("mappings", mappings);
        index.putObject("aliases").putObject(upgrade.alias()).put("is_write_index", true);
        elasticsearch.put("/" + liveIndex, index.toString());
        assertThat(elasticsearch.get("/" + liveIndex + "/_mapping").findValue(ADDED_FIELD)).isNull();

        kafka.createTopics(3, upgrade.rawTopic(), upgrade.cleanTopic(), upgrade.deadLetterTopic());
        ServiceProcess upgradedSink = services.start(upgrade, "sink", "256m");
        Instant start = Instant.now();
        Set<String> ids;
        int indexed;
        long dead;
        try (TopicTally upgradeDeadLetters = TopicTally.readCommitted(kafka, upgrade.deadLetterTopic());
                SteadyProducer<CleanArticle> producer = SteadyProducer.start(kafka, upgrade.cleanTopic(),
                n -> cleanArticle("mapping-upgrade", n), CleanArticle::getId, 15)) {
            Awaitility.await("300 clean articles published").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        upgradedSink.assertRunning();
                        return producer.acknowledged() >= 300;
                    });
            producer.close();
            ids = producer.acknowledgedKeys();
            Instant published = Instant.now();
            Optional<Duration> recovered = awaitIndexed(upgrade.alias(), ids, upgradedSink, published,
                    upgradeDeadLetters::records, 0);
            upgradeDeadLetters.awaitCaughtUp(Duration.ofMinutes(1));
            indexed = elasticsearch.existingIds(upgrade.alias(), ids).size();
            dead = upgradeDeadLetters.records();
            table.add(new FaultTable.Row("sink upgrade adds a mapped field (live index has the old mapping)",
                    Optional.empty(), ids.size(), indexed, dead, 0, 0, recovered));
            log.info("mapping upgrade: {} published, {} indexed, {} dead letters, published within {}", ids.size(),
                    indexed, dead, Duration.between(start, published));
        }

        assertThat(dead).as("dead letters of the mapping upgrade").isZero();
        assertThat(indexed).as("articles indexed of %s", ids.size()).isEqualTo(ids.size());
        assertThat(elasticsearch.count(upgrade.alias())).isEqualTo(ids.size());
        JsonNode byNewField = elasticsearch.search(upgrade.alias(),
                "{\"size\":0,\"track_total_hits\":true,\"query\":{\"exists\":{\"field\":\"" + ADDED_FIELD + "\"}}}");
        assertThat(byNewField.path("hits").path("total").path("value").asLong())
                .as("documents searchable by the added field").isEqualTo(ids.size());
    }

    @Test
    @Order(7)
    void shouldDeadLetterOnlyThePlantedPoisonWithItsReasonAndKeepGoing() throws Exception {
        RecordMetadata[] planted = new RecordMetadata[2];
        RawArticle throwing = RawArticles.raw(new RawArticles.Page("stage-throws.html", "text/html",
                stageThrowingPage().getBytes(StandardCharsets.UTF_8)),
                url("poison", 0) + "/" + FailingStageForFaultTests.MARK);
        Set<String> extra = new HashSet<>(Set.of(throwing.getId()));
        survive("planted poison (undecodable, stage throws, oversized)", Optional.empty(), new Fault() {
            @Override
            public void begin() throws Exception {
                try (KafkaProducer<String, byte[]> bytes = kafka.byteProducer();
                        KafkaProducer<String, RawArticle> raws = kafka.rawArticleProducer(RAW_RECORD_ROOM)) {
                    planted[0] = send(bytes, config.rawTopic(), "poison-undecodable",
                            "not an Avro record at all".getBytes(StandardCharsets.UTF_8));
                    raws.send(new ProducerRecord<>(config.rawTopic(), throwing.getId(), throwing)).get();
                    RawArticle oversized = RawArticles.raw(new RawArticles.Page("oversized.txt", "text/plain",
                            oversizedPage().getBytes(StandardCharsets.UTF_8)), url("poison", 1) + "/oversized");
                    planted[1] = raws.send(new ProducerRecord<>(config.rawTopic(), oversized.getId(), oversized))
                            .get();
                }
            }

            @Override
            public void end() {
            }
        }, extra, 2);

        List<ConsumerRecord<String, byte[]>> letters = kafka.readAll(config.deadLetterTopic(),
                new ByteArrayDeserializer(), 2, Duration.ofMinutes(1));
        assertThat(letters).as("dead letters on %s", config.deadLetterTopic()).hasSize(2);
        ConsumerRecord<String, byte[]> undecodable = letterFor(letters, planted[0]);
        assertThat(header(undecodable, DeadLetterHeaders.REASON)).isEqualTo("UNDECODABLE");
        ConsumerRecord<String, byte[]> oversized = letterFor(letters, planted[1]);
        assertThat(header(oversized, DeadLetterHeaders.REASON)).as("reason of the oversized record").isNotBlank();
        assertThat(header(oversized, DeadLetterHeaders.MESSAGE)).as("what was wrong with it").isNotBlank();
        JsonNode degraded = elasticsearch.search(config.alias(), "{\"query\":{\"ids\":{\"values\":[\""
                + throwing.getId() + "\"]}}}").path("hits").path("hits").path(0).path("_source").path("degraded");
        assertThat(degraded).as("the article whose stage threw is published, marked degraded: %s", degraded)
                .anySatisfy(stage -> {
                    assertThat(stage.path("stage").asText()).isEqualTo(FailingStageForFaultTests.FAILING.name());
                    assertThat(stage.path("cause").asText()).isEqualTo("FAILED");
                });
    }

    /**
     * Runs one fault while articles flow: {@value #LEAD} published before it begins, the fault for its length
     * (services must keep running throughout), {@value #LEAD} more after it ends; then waits for every one of them
     * (and {@code extra}, records the fault wrote itself) to be indexed, records the row and asserts on it.
     */
    private void survive(String name, Optional<Duration> length, Fault fault, Set<String> extra, int planted)
            throws Exception {
        String run = "phase" + (++phase);
        long deadBefore = deadLetters.records();
        Instant ended;
        Set<String> ids = new HashSet<>();
        try (SteadyProducer<RawArticle> producer = SteadyProducer.start(kafka, config.rawTopic(),
                n -> raw(run, n), RawArticle::getId, RATE)) {
            awaitFlowing(producer, name);
            log.info("{}: begins ({} articles published so far in this phase)", name, producer.acknowledged());
            fault.begin();
            length.ifPresent(duration -> Awaitility.await(name + ": services running while the fault lasts")
                    .during(duration)
                    .atMost(duration.plusSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        services.assertRunning();
                        return true;
                    }));
            fault.end();
            ended = Instant.now();
            log.info("{}: ended ({} articles published so far in this phase)", name, producer.acknowledged());
            awaitPublished(producer, producer.acknowledged() + LEAD, name + ": articles flowing after the fault");
            producer.close();
            ids.addAll(producer.acknowledgedKeys());
        }
        ids.addAll(extra);
        Optional<Duration> recovered = awaitIndexed(config.alias(), ids, sink, ended,
                () -> deadLetters.records() - deadBefore, planted);
        List<String> found = elasticsearch.existingIds(config.alias(), ids);
        indexedSoFar.addAll(found);
        int indexed = found.size();
        long dead = deadLetters.records() - deadBefore;
        clean.awaitCaughtUp(Duration.ofMinutes(1));
        Map<String, Integer> duplicates = clean.duplicates().entrySet().stream()
                .filter(e -> ids.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        int duplicated = duplicates.values().stream().mapToInt(copies -> copies - 1).sum();
        table.add(new FaultTable.Row(name, length, ids.size(), indexed, dead, planted, duplicated, recovered));
        log.info("{}: {} published, {} indexed, {} dead letters ({} planted), {} duplicated, recovered after {}", name,
                ids.size(), indexed, dead, planted, duplicated, recovered.map(Duration::toString).orElse("never"));

        assertThat(dead).as("dead letters while '%s' (planted: %s)", name, planted).isEqualTo(planted);
        assertThat(duplicates).as("articles written to %s more than once", config.cleanTopic()).isEmpty();
        assertThat(indexed).as("articles indexed of the %s published while '%s'", ids.size(), name)
                .isEqualTo(ids.size());
        assertThat(elasticsearch.count(config.alias())).as("documents in %s: every article found once, no other",
                config.alias()).isEqualTo(indexedSoFar.size());
        services.assertRunning();
    }

    /** A server stopped (SIGTERM) for the fault's length, then started again on its ports with its data. */
    private Fault stopped(Server server) {
        return new Fault() {
            @Override
            public void begin() {
                stack.stop(server);
            }

            @Override
            public void end() {
                stack.start(server);
            }
        };
    }

    /** Waits until {@value #LEAD} of the phase's articles are indexed: the fault hits a pipeline in full flow. */
    private void awaitFlowing(SteadyProducer<RawArticle> producer, String name) {
        Awaitility.await(name + ": " + LEAD + " articles through the pipeline before the fault")
                .atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    services.assertRunning();
                    return elasticsearch.existingIds(config.alias(), producer.acknowledgedKeys()).size() >= LEAD;
                });
    }

    private void awaitPublished(SteadyProducer<RawArticle> producer, int count, String what) {
        Awaitility.await(what).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> producer.acknowledged() >= count);
    }

    /**
     * Waits until every id is searchable and the planted dead letters have arrived, or until the ids not indexed are
     * all accounted for by dead letters beyond the planted ones (then waiting longer cannot help); returns how long
     * after {@code since} everything was there, empty if it never was.
     */
    private Optional<Duration> awaitIndexed(String alias, Set<String> ids, ServiceProcess sinkProcess, Instant since,
            LongSupplier deadLetters, int planted) {
        try {
            Awaitility.await("the " + ids.size() + " articles indexed in " + alias + " and " + planted
                            + " dead letters")
                    .atMost(RECOVERY_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        services.assertRunning();
                        int indexed = elasticsearch.existingIds(alias, ids).size();
                        long dead = deadLetters.getAsLong();
                        return dead >= planted && indexed + (dead - planted) >= ids.size();
                    });
        } catch (ConditionTimeoutException e) {
            log.warn("{} articles of {} not indexed, {} dead letters of {} planted, {} after the fault ended; the end"
                            + " of the sink's log:\n{}", ids.size() - elasticsearch.existingIds(alias, ids).size(),
                    ids.size(), deadLetters.getAsLong(), planted, RECOVERY_TIMEOUT, sinkProcess.logTail(40));
            return Optional.empty();
        }
        boolean all = elasticsearch.existingIds(alias, ids).size() == ids.size()
                && deadLetters.getAsLong() == planted;
        return all ? Optional.of(Duration.between(since, Instant.now())) : Optional.empty();
    }

    private static ConsumerRecord<String, byte[]> letterFor(List<ConsumerRecord<String, byte[]>> letters,
            RecordMetadata source) {
        return letters.stream()
                .filter(letter -> String.valueOf(source.partition()).equals(header(letter,
                        DeadLetterHeaders.SOURCE_PARTITION))
                        && String.valueOf(source.offset()).equals(header(letter, DeadLetterHeaders.SOURCE_OFFSET)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + source + " among "
                        + letters.stream().map(letter -> header(letter, DeadLetterHeaders.SOURCE_PARTITION) + "@"
                                + header(letter, DeadLetterHeaders.SOURCE_OFFSET) + " "
                                + header(letter, DeadLetterHeaders.REASON)).toList()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws InterruptedException, ExecutionException, TimeoutException {
        return producer.send(new ProducerRecord<>(topic, key, value)).get(2, TimeUnit.MINUTES);
    }

    private RawArticle raw(String run, int n) {
        RawArticles.Page page = pages.get(n % pages.size());
        return RawArticles.raw(page, url(run, n) + "/" + page.name().replace('/', '-'));
    }

    private String url(String run, int n) {
        return "https://news.example.org/" + config.name() + "/" + run + "/" + n;
    }

    private CleanArticle cleanArticle(String run, int n) {
        String url = "https://news.example.org/" + run + "/" + n;
        return TestRecords.cleanArticle().setId(RawArticles.id(url)).setUrl(url).setCanonicalUrl(url).build();
    }

    /** The sink's index template as shipped (its resource on the classpath), read as any JSON file. */
    private static JsonNode shippedTemplate() {
        try (InputStream in = FaultsIT.class.getResourceAsStream("/io/newsflow/sink/index/articles-template.json")) {
            assertThat(in).as("the sink's index template on the classpath").isNotNull();
            return Elasticsearch.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A news page; under a URL with {@link FailingStageForFaultTests#MARK} its statement tagging throws. */
    private static String stageThrowingPage() {
        return "<html><head><title>Harbour talks resume after strike</title></head><body><article>"
                + "<h1>Harbour talks resume after strike</h1>"
                + "<p>Negotiators for the dock workers and the port authority met again on Tuesday, the union said,"
                + " after a week in which no ship was unloaded and queues of lorries grew along the coast road.</p>"
                + "<p>\"We will not sign a deal that cuts the night shift,\" the union leader told reporters outside"
                + " the harbour office, where the talks went on late into the evening.</p><p>The port authority said it hoped for an agreement before the weekend, when three container"
                + " ships are due, and that the harbour would reopen as soon as the two sides had signed.</p>"
                + "</article></body></html>";
    }

    /** A plain-text article (a title line, then paragraphs) of {@value #OVERSIZED_BYTES} bytes or more. */
    private static String oversizedPage() {
        String[] words = {"harbour", "strike", "union", "council", "minister", "talks", "ships", "workers",
                "agreement", "coast", "weekend", "queue", "container", "night", "shift", "authority", "port",
                "reporters", "evening", "deal", "cargo", "wages", "the", "and", "of", "to", "in", "said"};
        Random random = new Random(11);
        StringBuilder page = new StringBuilder(OVERSIZED_BYTES + 1024).append("The whole harbour report\n\n");
        while (page.length() < OVERSIZED_BYTES) {
            for (int w = 0; w < 60; w++) {
                page.append(words[random.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            page.append("\n\n");
        }
        return page.toString();
    }

    private static Duration length(String property, String defaultValue) {
        String value = System.getProperty(property, defaultValue).strip();
        try {
            return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("-D" + property + "=" + value + " is not a length such as 60s, 6m or"
                    + " 1m30s", e);
        }
    }
}
