package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.app.dlq.DlqKafka;
import io.newsflow.app.dlq.DlqPosition;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.FeedItem;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.Stage;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.service.ServiceRunner;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.DeadLetters;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.schemas.serde.AvroSerializer;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.SharedFolder;
import io.newsflow.stack.junit.StackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code newsflow dlq} on the real stack: dead letters planted as enrich writes them (the original raw articles
 * inside), counted by {@code list}, shown, put back by {@code redrive} and indexed exactly once by enrich and sink
 * running in this JVM; a second redrive and a dry run write nothing; after a redrive that crashed mid-transaction,
 * the next one puts the dead letter back once. And dead letters of a real fault (a write index whose mapping refuses
 * every article), redriven once the fault is fixed, indexed exactly once.
 */
@ExtendWith(StackExtension.class)
class DlqCommandIT {
    private static final int REDRIVABLE = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final String run = "dlq-" + UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldRedriveEachDeadLetterOnceUntilItIsIndexedExactlyOnce(StackEndpoints stack) throws Exception {
        Path config = writeConfig(stack);
        assertThat(execute(config, "topics", "create").exit()).isZero();
        KafkaSettings kafka = new KafkaSettings(stack.kafkaBootstrapServers(), Map.of());
        List<String> ids = plantDeadLetters(stack, 0, REDRIVABLE, true);

        Result list = execute(config, "dlq", "list");
        assertThat(list.exit()).as(list.text()).isZero();
        assertThat(list.out()).containsPattern(run + "\\.raw\\s+NOT_AN_ARTICLE\\s+\\d{4}-\\d{2}-\\d{2}\\s+" + REDRIVABLE)
                .containsPattern(run + "\\.raw\\s+TOO_LARGE\\s+\\S+\\s+1\\b").containsPattern("total\\s+" + (REDRIVABLE + 1));
        assertThat(execute(config, "dlq", "list", "--since", "2999-01-01").out()).contains("no dead letters");

        Result show = execute(config, "dlq", "show", "0:0");
        assertThat(show.exit()).as(show.text()).isZero();
        assertThat(show.out()).contains("NOT_AN_ARTICLE", "original at    " + run + ".raw 0:100", "RawArticle",
                "https://news.example.id/" + ids.getFirst(), DeadLetterHeaders.REASON + " = NOT_AN_ARTICLE")
                .doesNotContain("Sherman mengancam sanksi");
        assertThat(execute(config, "dlq", "show", ids.get(1)).out()).contains("article id     " + ids.get(1));

        Result malformed = execute(config, "dlq", "redrive", "--since", "last tuesday");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("--since").contains("'last tuesday' is not a time")
                .contains("ISO-8601 instant such as 2026-12-01T10:15:30Z");

        Result dryRun = execute(config, "dlq", "redrive", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.text()).isZero();
        assertThat(dryRun.out()).contains("would redrive " + REDRIVABLE, "skipped, not redrivable 1");
        assertThat(count(kafka, run + ".raw")).as("a dry run puts nothing back").isZero();
        assertThat(count(kafka, run + ".dlq.redriven")).as("a dry run records nothing").isZero();

        PipelineSettings settings = PipelineSettings.bind(ConfigSource.load(config, Map.of()), config);
        try (ServiceRunner services = ServiceRunner.start(List.of(settings.enrichService(), settings.sinkService()))) {
            Result redrive = execute(config, "dlq", "redrive");
            assertThat(redrive.exit()).as(redrive.text()).isZero();
            assertThat(redrive.out()).contains("redriven " + REDRIVABLE, "NOT_AN_ARTICLE -> " + run + ".raw",
                    "skipped, already redriven 0", "skipped, not redrivable 1", "TOO_LARGE: truncated original");

            await("the redriven articles, indexed").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                    .failFast(() -> services.failure().isPresent())
                    .until(() -> indexedCount(stack, ids) == REDRIVABLE);

            Result again = execute(config, "dlq", "redrive");
            assertThat(again.exit()).as(again.text()).isZero();
            assertThat(again.out()).contains("redriven 0", "skipped, already redriven " + REDRIVABLE);
            assertThat(count(kafka, run + ".raw")).as("each dead letter put back once").isEqualTo(REDRIVABLE);
            assertThat(count(kafka, run + ".dlq.redriven")).isEqualTo(REDRIVABLE);
            await("every redriven article cleaned").atMost(Duration.ofMinutes(1))
                    .until(() -> count(kafka, run + ".clean") == REDRIVABLE);
            assertThat(indexedCount(stack, ids)).as("each article indexed once").isEqualTo(REDRIVABLE);
            assertThat(count(kafka, run + ".dlq")).as("no new dead letter").isEqualTo(REDRIVABLE + 1);

            // A redrive that crashed mid-transaction: its record and ledger entry were sent, never committed.
            List<String> late = plantDeadLetters(stack, REDRIVABLE + 1, 1, false);
            crashedRedrive(stack, late.getFirst(), new DlqPosition(0, REDRIVABLE + 1));
            Result afterCrash = execute(config, "dlq", "redrive");
            assertThat(afterCrash.exit()).as(afterCrash.text()).isZero();
            assertThat(afterCrash.out()).contains("redriven 1", "skipped, already redriven " + REDRIVABLE);
            List<String> all = new ArrayList<>(ids);
            all.addAll(late);
            await("the late article, indexed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> indexedCount(stack, all) == REDRIVABLE + 1);
            assertThat(count(kafka, run + ".raw")).as("the crashed attempt's record is not visible").isEqualTo(
                    REDRIVABLE + 1);
            assertThat(count(kafka, run + ".dlq.redriven")).isEqualTo(REDRIVABLE + 1);
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void shouldIndexDeadLettersOfAMappingFaultExactlyOnceWhenTheFaultIsFixed(StackEndpoints stack) throws Exception {
        Path config = writeConfig(stack, "  breaker:", "    verdictTimeout: PT1S");
        assertThat(execute(config, "topics", "create").exit()).isZero();
        KafkaSettings kafka = new KafkaSettings(stack.kafkaBootstrapServers(), Map.of());
        PipelineSettings settings = PipelineSettings.bind(ConfigSource.load(config, Map.of()), config);
        try (ServiceRunner services = ServiceRunner.start(List.of(settings.enrichService(), settings.sinkService()))) {
            await("the sink's index").atMost(Duration.ofMinutes(2)).until(() -> status(stack, "HEAD", "/" + run) == 200);
            // The fault: a write index whose mapping makes `language` a number, so every article is refused alone.
            assertThat(status(stack, "PUT", "/" + run + "-000002",
                    "{\"mappings\":{\"properties\":{\"language\":{\"type\":\"long\"}}}}")).isEqualTo(200);
            assertThat(status(stack, "POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + run
                    + "-000001\",\"alias\":\"" + run + "\",\"is_write_index\":false}},{\"add\":{\"index\":\""
                    + run + "-000002\",\"alias\":\"" + run + "\",\"is_write_index\":true}}]}")).isEqualTo(200);
            List<String> ids = produceRaw(stack, REDRIVABLE);

            await("the refused articles, dead-lettered").atMost(Duration.ofMinutes(3))
                    .failFast(() -> services.failure().isPresent())
                    .until(() -> count(kafka, run + ".dlq") == REDRIVABLE);
            assertThat(indexedCount(stack, ids)).isZero();
            assertThat(execute(config, "dlq", "list").out()).containsPattern(run + "\\.clean\\s+\\S+\\s+\\S+\\s+"
                    + REDRIVABLE);

            // The fix: a new write index from the template.
            assertThat(status(stack, "POST", "/" + run + "/_rollover")).isEqualTo(200);
            Result redrive = execute(config, "dlq", "redrive");
            assertThat(redrive.exit()).as(redrive.text()).isZero();
            assertThat(redrive.out()).contains("redriven " + REDRIVABLE, "-> " + run + ".clean");
            await("the redriven articles, indexed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .failFast(() -> services.failure().isPresent())
                    .until(() -> indexedCount(stack, ids) == REDRIVABLE);

            Result again = execute(config, "dlq", "redrive");
            assertThat(again.exit()).as(again.text()).isZero();
            assertThat(again.out()).contains("redriven 0", "skipped, already redriven " + REDRIVABLE);
            assertThat(count(kafka, run + ".clean")).as("each dead letter put back once").isEqualTo(2 * REDRIVABLE);
            assertThat(indexedCount(stack, ids)).as("each article indexed once across the alias").isEqualTo(REDRIVABLE);
            assertThat(count(kafka, run + ".dlq")).as("no new dead letter").isEqualTo(REDRIVABLE);
        }
    }

    private List<String> produceRaw(StackEndpoints stack, int n) throws Exception {
        String text = Files.readString(SharedFolder.path("samples/geneva-talks.id.txt"));
        List<String> ids = new ArrayList<>();
        try (AvroSerializer<RawArticle> raws = new AvroSerializer<>(); KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            raws.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl()), false);
            for (int i = 0; i < n; i++) {
                String id = run + "-article-" + i;
                ids.add(id);
                producer.send(new ProducerRecord<>(run + ".raw", id.getBytes(StandardCharsets.UTF_8),
                        raws.serialize(run + ".raw", raw(id, text)))).get();
            }
        }
        return ids;
    }

    private int status(StackEndpoints stack, String method, String path) throws Exception {
        return status(stack, method, path, null);
    }

    private int status(StackEndpoints stack, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + path));
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Path writeConfig(StackEndpoints stack, String... sinkLines) throws Exception {
        Path config = dir.resolve("newsflow.yml");
        Files.writeString(config, String.join("\n",
                "kafka:", "  bootstrapServers: " + stack.kafkaBootstrapServers(),
                "registry:", "  url: " + stack.registryUrl(),
                "topics:", "  raw: " + run + ".raw", "  clean: " + run + ".clean", "  deadLetter: " + run + ".dlq",
                "dlq:", "  redrivenTopic: " + run + ".dlq.redriven",
                "ops:", "  ingestPort: -1", "  enrichPort: -1", "  sinkPort: -1",
                "ingest:", "  ledgerTopic: " + run + ".ingest.published",
                "enrich:", "  applicationId: " + run + "-enrich", "  stateDir: " + dir.resolve("enrich-state"),
                "sink:", "  groupId: " + run + "-sink", "  elasticsearch:", "    urls: [" + stack.elasticsearchUrl() + "]",
                "  index:", "    alias: " + run, "    template: " + run, String.join("\n", sinkLines), ""));
        return config;
    }

    /** Dead letters as enrich writes them: the DeadLetter with the original raw article, and its headers. */
    private List<String> plantDeadLetters(StackEndpoints stack, int first, int redrivable, boolean withTooLarge)
            throws Exception {
        String text = Files.readString(SharedFolder.path("samples/geneva-talks.id.txt"));
        Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
        List<String> ids = new ArrayList<>();
        try (AvroSerializer<RawArticle> raws = new AvroSerializer<>(); AvroSerializer<DeadLetter> letters =
                new AvroSerializer<>(); KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            raws.configure(serde, false);
            letters.configure(serde, false);
            for (int i = first; i < first + redrivable + (withTooLarge ? 1 : 0); i++) {
                String id = run + "-article-" + i;
                byte[] key = id.getBytes(StandardCharsets.UTF_8);
                byte[] value = raws.serialize(run + ".raw", raw(id, text));
                boolean tooLarge = i == first + redrivable;
                DeadLetter letter = DeadLetters.failure(Stage.ENRICH, tooLarge ? FailureReason.TOO_LARGE
                                : FailureReason.NOT_AN_ARTICLE, tooLarge ? "the clean article is over the limit"
                                : "a rule since fixed rejected it").articleId(id).source(run + ".raw", 0, 100 + i)
                        .original(key, tooLarge ? java.util.Arrays.copyOf(value, 20) : value)
                        .failedAt(Instant.now()).build();
                Headers headers = DeadLetterHeaders.of(letter);
                if (tooLarge) {
                    headers.add(DeadLetterHeaders.ORIGINAL_SIZE, Integer.toString(value.length).getBytes());
                } else {
                    ids.add(id);
                }
                producer.send(new ProducerRecord<>(run + ".dlq", 0, key, letters.serialize(run + ".dlq", letter),
                        headers)).get();
            }
        }
        return ids;
    }

    /** What a redrive that died between send and commit leaves: an open transaction under the redrive's id. */
    private void crashedRedrive(StackEndpoints stack, String id, DlqPosition position)
            throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", stack.kafkaBootstrapServers(), "transactional.id",
                DlqKafka.Redriver.transactionalId(run + ".dlq"));
        KafkaProducer<byte[], byte[]> crashed = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
        crashed.initTransactions();
        crashed.beginTransaction();
        crashed.send(new ProducerRecord<>(run + ".raw", id.getBytes(StandardCharsets.UTF_8), new byte[] {0})).get();
        crashed.send(new ProducerRecord<>(run + ".dlq.redriven", (run + ".dlq:" + position).getBytes(
                StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))).get();
        crashed.close(Duration.ZERO); // no commit, no abort: the next redrive's initTransactions must abort it
    }

    private static RawArticle raw(String id, String text) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return TestRecords.rawArticle(id, "text/plain", body).setCanonicalUrl("https://news.example.id/" + id)
                .setFeedUrl("https://news.example.id/feed.xml").setFeedName("Kabar Dunia")
                .setItem(FeedItem.newBuilder().setGuid(id).build()).setTags(List.of())
                .setFetchedAt(Instant.parse("2026-12-01T08:00:00Z")).build();
    }

    private static long count(KafkaSettings kafka, String topic) {
        long[] n = {0};
        DlqKafka.readToEnd(kafka, topic, Duration.ofSeconds(30), record -> n[0]++);
        return n[0];
    }

    /** Documents with these ids in the run's alias (after a refresh). */
    private long indexedCount(StackEndpoints stack, List<String> ids) throws Exception {
        String base = stack.elasticsearchUrl() + "/" + run;
        http.send(HttpRequest.newBuilder(URI.create(base + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        String query = JSON.writeValueAsString(Map.of("query", Map.of("ids", Map.of("values", ids))));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/_count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("count").asLong() : -1;
    }

    private record Result(int exit, String out, String err) {
        String text() {
            return out + err;
        }
    }

    private static Result execute(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Newsflow.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
