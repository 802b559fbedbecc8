package io.newsflow.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.app.Newsflow;
import io.newsflow.avro.FeedItem;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.sink.runtime.SinkService;
import io.newsflow.sink.SinkSettings;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.stack.junit.StackClients;
import io.newsflow.stack.junit.StackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code newsflow replay} on the real stack with the live enricher and sink running: 200 articles indexed, a user spam
 * rule added that matches a line in 20 of them, replay into a new index generation while live articles keep
 * arriving; the 20 lose that line under the new rule id, the others are unchanged, the live ones are there, no
 * document is duplicated, a search issued every 200 ms never answers fewer hits, and {@code --drop-old} deletes the
 * old generation.
 */
@ExtendWith(StackExtension.class)
class ReplayIT {
    private static final int ARTICLES = 200;
    private static final int PROMOTED = 20;
    private static final int LIVE = 10;
    private static final String PROMO = "Promo langganan sekarang juga di kanal kami";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void shouldBringANewUserRuleToIndexedArticlesWithoutSearchAnsweringLess(StackEndpoints endpoints) throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, "disable: []\n");
        PipelineConfig pipeline = PipelineConfig.forRun("replay-it", endpoints)
                .set("enrich", "rules", rules.toString());
        String alias = pipeline.alias();
        Path config = pipeline.writeAll();
        ConfigSource source = ConfigSource.load(config, Map.of());
        KafkaSettings kafka = KafkaSettings.from(source.root());
        RegistrySettings registry = RegistrySettings.from(source.root());
        Topics topics = TopicSettings.from(source.root());
        EnrichSettings enrich = EnrichSettings.from(source.root());
        SinkSettings sink = SinkSettings.from(source.root());
        source.throwIfInvalid();

        StackClients.createTopics(endpoints, topics.all().stream().map(t -> t.name()).toList());
        ElasticsearchClient elasticsearch = ElasticsearchClient.of(b -> b.host(endpoints.elasticsearchUrl()));
        try (EnrichService live = EnrichService.start(enrich, kafka, registry, topics, context());
                AutoCloseable liveSink = SinkService.start(context(), kafka, registry, topics, sink);
                AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class)) {
            serde.configure(registry.serdeConfig(), false);
            try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serde.serializer())) {
                for (int i = 0; i < ARTICLES; i++) {
                    producer.send(new ProducerRecord<>(topics.raw().name(), "a" + i, raw("a" + i, promoted(i))));
                }
            }
            await("every article indexed").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions() // the sink creates the index when it starts
                    .until(() -> documents(elasticsearch, alias).size() == ARTICLES);
            Map<String, JsonNode> before = documents(elasticsearch, alias);
            assertThat(before.get("a0").path("text").asText()).contains(PROMO);

            Files.writeString(rules, """
                    rules:
                      - id: user-promo
                        version: 1
                        kind: pattern
                        category: boilerplate
                        position: anywhere
                        description: the test's subscription prompt
                        maxWords: 20
                        patterns: ['^promo langganan sekarang.*$']
                    """);

            AtomicLong fewest = new AtomicLong(Long.MAX_VALUE);
            AtomicLong searches = new AtomicLong();
            AtomicBoolean searching = new AtomicBoolean(true);
            Thread searcher = Thread.ofPlatform().name("replay-it-search").start(() -> {
                while (searching.get()) {
                    try {
                        long hits = elasticsearch.count(c -> c.index(alias)).count();
                        fewest.accumulateAndGet(hits, Math::min);
                        searches.incrementAndGet();
                        TimeUnit.MILLISECONDS.sleep(200); // the search cadence the issue asks for, not a wait
                    } catch (Exception e) {
                        fewest.set(-1);
                        return;
                    }
                }
            });
            StringWriter output = new StringWriter();
            CommandLine commandLine = Newsflow.commandLine().setOut(new PrintWriter(output, true))
                    .setErr(new PrintWriter(output, true));
            FutureTask<Integer> replay = new FutureTask<>(() -> commandLine.execute("replay", "--config",
                    config.toString(), "--progress-every", "PT1S"));
            Thread.ofPlatform().name("replay-it-replay").start(replay);
            await("the replay building the new generation").atMost(Duration.ofMinutes(2))
                    .until(() -> output.toString().contains("building " + alias + "-000002"));
            try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serde.serializer())) {
                for (int i = 0; i < LIVE; i++) {
                    producer.send(new ProducerRecord<>(topics.raw().name(), "live" + i, raw("live" + i, false)));
                }
            }
            assertThat(replay.get(6, TimeUnit.MINUTES)).as("exit code; output:%n%s", output).isZero();
            searching.set(false);
            searcher.join();
            assertThat(output.toString()).contains("re-enriched " + ARTICLES + "/" + ARTICLES + " records (100%)",
                    "switched " + alias + " to " + alias + "-000002")
                    .containsPattern("user-promo +\\+" + PROMOTED + " / -0")
                    .contains("articles: " + (ARTICLES + LIVE) + " seen, " + PROMOTED + " changed, " + LIVE + " new, 0 no"
                            + " longer an article");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    endpoints.kafkaBootstrapServers()))) {
                assertThat(admin.listGroups().all().get()).as("the replay's groups, deleted")
                        .noneMatch(g -> g.groupId().startsWith(pipeline.name())
                                && g.groupId().contains("-replay-"));
                assertThat(admin.listTopics().names().get()).as("the replay's internal topics, deleted")
                        .noneMatch(t -> t.startsWith(pipeline.enrichApplicationId() + "-replay-"));
            }

            Map<String, JsonNode> after = documents(elasticsearch, alias);
            assertThat(aliasedIndices(elasticsearch, alias)).as("reads and writes on the new generation")
                    .containsExactly(alias + "-000002");
            assertThat(aliasedIndices(elasticsearch, alias + "-previous")).containsExactly(alias + "-000001");
            assertThat(after).as("the replayed articles and the live ones of the replay's time")
                    .hasSize(ARTICLES + LIVE);
            assertThat(idsOfEveryHit(elasticsearch, alias)).as("no document duplicated").hasSize(ARTICLES + LIVE)
                    .doesNotHaveDuplicates();
            for (int i = 0; i < ARTICLES; i++) {
                JsonNode doc = after.get("a" + i);
                if (promoted(i)) {
                    assertThat(doc.path("text").asText()).as("a%d", i).doesNotContain(PROMO);
                    assertThat(rulesOf(doc)).as("a%d", i).contains("user-promo");
                } else {
                    assertThat(doc.path("text")).as("a%d unchanged", i).isEqualTo(before.get("a" + i).path("text"));
                    assertThat(doc.path("spamRemoved")).as("a%d unchanged", i)
                            .isEqualTo(before.get("a" + i).path("spamRemoved"));
                }
            }
            assertThat(searches.get()).as("searches during the replay").isPositive();
            assertThat(fewest.get()).as("fewest hits a search returned during the replay").isEqualTo(ARTICLES);

            StringWriter drop = new StringWriter();
            int dropped = Newsflow.commandLine().setOut(new PrintWriter(drop, true)).setErr(new PrintWriter(drop, true))
                    .execute("replay", "--config", config.toString(), "--drop-old");
            assertThat(dropped).as("exit code; output:%n%s", drop).isZero();
            assertThat(drop.toString()).contains("deleted the old generation [" + alias + "-000001]");
            assertThat(elasticsearch.indices().exists(e -> e.index(alias + "-000001")).value()).isFalse();
            assertThat(elasticsearch.count(c -> c.index(alias)).count()).isEqualTo(ARTICLES + LIVE);

            StringWriter filtered = new StringWriter();
            int inPlace = Newsflow.commandLine().setOut(new PrintWriter(filtered, true))
                    .setErr(new PrintWriter(filtered, true))
                    .execute("replay", "--config", config.toString(), "--id", "a0", "--progress-every", "PT1S");
            assertThat(inPlace).as("exit code; output:%n%s", filtered).isZero();
            assertThat(filtered.toString()).contains("runs in place", "0 changed");
            assertThat(aliasedIndices(elasticsearch, alias)).containsExactly(alias + "-000002");
            assertThat(idsOfEveryHit(elasticsearch, alias)).hasSize(ARTICLES + LIVE).doesNotHaveDuplicates();
        }
    }

    private static boolean promoted(int i) {
        return i % (ARTICLES / PROMOTED) == 0;
    }

    private static List<String> aliasedIndices(ElasticsearchClient client, String alias) throws Exception {
        return List.copyOf(new java.util.TreeSet<>(client.indices().getAlias(a -> a.name(alias)).aliases().keySet()));
    }

    /** The id of every hit of a search over the alias, a document in two generations counted twice. */
    private static List<String> idsOfEveryHit(ElasticsearchClient client, String alias) throws Exception {
        client.indices().refresh(r -> r.index(alias));
        return client.search(s -> s.index(alias).size(1000), JsonNode.class).hits().hits().stream()
                .map(Hit::id).toList();
    }

    private static List<String> rulesOf(JsonNode doc) {
        return StreamSupport.stream(doc.path("spamRemoved").spliterator(), false)
                .map(r -> r.path("rule").asText()).toList();
    }

    private static Map<String, JsonNode> documents(ElasticsearchClient client, String alias) throws Exception {
        client.indices().refresh(r -> r.index(alias));
        Map<String, JsonNode> out = new TreeMap<>();
        for (Hit<JsonNode> hit : client.search(s -> s.index(alias).size(1000), JsonNode.class).hits().hits()) {
            out.put(hit.id(), hit.source());
        }
        return out;
    }

    private static RawArticle raw(String id, boolean promo) throws Exception {
        String text = "Pemerintah daerah " + id + " membuka jalan baru\n\n"
                + "Pemerintah daerah meresmikan jalan baru sepanjang dua belas kilometer yang menghubungkan tiga desa"
                + " di kabupaten itu pada Senin pagi, kata kepala dinas pekerjaan umum kepada wartawan setempat.\n\n"
                + "Warga menyambut pembukaan jalan itu karena perjalanan ke pasar kini hanya memakan waktu setengah"
                + " jam, jauh lebih cepat daripada sebelumnya ketika mereka harus memutar lewat jalan provinsi.\n\n"
                + (promo ? PROMO + "\n\n" : "")
                + "Pembangunan jalan tersebut dibiayai dari anggaran daerah dan dikerjakan selama delapan bulan.";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return TestRecords.rawArticle(id, "text/plain", body)
                .setFeedUrl("https://news.example.id/rss")
                .setItem(FeedItem.newBuilder().setTitle("Jalan baru " + id).build())
                .setFetchedAt(Instant.parse("2025-03-01T10:00:00Z"))
                .setTags(List.of())
                .build();
    }

    private static ServiceContext context() {
        return ServiceContext.unserved(new SimpleMeterRegistry(), (reason, cause) -> {});
    }
}
