package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code newsflow up} as a user runs it, in this JVM: real stack, the demo feeds, the three services. The seed article
 * must become searchable with its spam removed, the hacked demo site must show as COMPROMISED (summary,
 * Elasticsearch, {@code newsflow sources}) and the clean one as CLEAN, a feed file dropped into the drop folder must
 * be ingested, and the stop must leave no server process behind.
 */
class UpCommandIT {

    private static final Path RUN_DIR = Path.of("target", "up-it").toAbsolutePath();
    private static final Pattern DEMO_URL = Pattern.compile("Demo feeds on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path configDir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void shouldIndexTheDemoFeedsWithSpamRemovedAndPickUpADroppedFeed() throws Exception {
        // The demo config in a folder of its own, so the drop folder the test writes to is not the repo's.
        Path config = configDir.resolve("demo.yml");
        Files.copy(Path.of("..", "config", "demo.yml"), config);
        Path dropFolder = Files.createDirectories(configDir.resolve("feeds.d"));
        StringWriter output = new StringWriter();
        UpCommand up = new UpCommand().withoutSignalHandlers();
        CommandLine commandLine = new CommandLine(up).setOut(new PrintWriter(output, true))
                .setErr(new PrintWriter(output, true));
        // A thread of its own, as `up` has its main thread: not a ForkJoin common-pool worker, which the enricher's
        // language detection (lingua) needs free.
        FutureTask<Integer> exit = new FutureTask<>(() -> commandLine.execute(
                "--config", config.toString(), "--samples", Path.of("..", "config", "samples").toString(),
                "--random-ports", "--demo-port", "0", "--run-dir", RUN_DIR.toString()));
        Thread.ofPlatform().name("newsflow-up").start(exit);

        try {
            String elasticsearch = await("the stack's endpoints").atMost(Duration.ofMinutes(8))
                    .pollInterval(Duration.ofSeconds(2)).failFast(() -> exit.isDone())
                    .until(() -> endpoints(), e -> e != null).elasticsearchUrl();
            List<Long> servers = serverProcesses();
            assertThat(servers).as("server processes of the run dir").isNotEmpty();

            JsonNode seed = await("the seed article, searchable").atMost(Duration.ofMinutes(6))
                    .pollInterval(Duration.ofSeconds(3)).failFast(() -> exit.isDone())
                    .until(() -> firstHit(elasticsearch, "Pembicaraan Keamanan AS-Rusia"), hit -> hit != null);
            assertThat(seed.path("feedName").asText()).isEqualTo("Kabar Dunia");
            assertThat(seed.path("language").asText()).isEqualTo("id");
            assertThat(seed.path("credit").asText()).isEqualTo("AFP");
            assertThat(StreamSupport.stream(seed.path("spamRemoved").spliterator(), false)
                    .map(removed -> removed.path("text").asText()).toList())
                    .containsExactlyInAnyOrder("sbobet", "By gacor88");
            assertThat(seed.path("text").asText()).contains("Sherman mengancam sanksi")
                    .doesNotContain("sbobet").doesNotContain("gacor88");

            Matcher demo = DEMO_URL.matcher(output.toString());
            assertThat(demo.find()).as("up prints the demo feeds' address").isTrue();
            Files.writeString(dropFolder.resolve("science.yml"), "feeds:\n  - url: " + demo.group(1)
                    + "feeds/science.xml\n    name: Science Desk\n    allowPrivateAddress: true\n");
            JsonNode dropped = await("the article of the dropped feed").atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(3)).failFast(() -> exit.isDone())
                    .until(() -> firstHit(elasticsearch, "bleached corals"), hit -> hit != null);
            assertThat(dropped.path("feedName").asText()).isEqualTo("Science Desk");

            await("the summary").atMost(Duration.ofMinutes(2)).failFast(() -> exit.isDone())
                    .until(() -> output.toString().contains("articles indexed; the first"));
            assertThat(output.toString()).contains("Kabar Dunia").contains("curl -s '" + elasticsearch);
            assertThat(output.toString()).as("up's summary shows the hacked demo site")
                    .containsPattern("Warta Nusantara\\s+COMPROMISED").containsPattern("Harbour Times\\s+CLEAN");

            // The hacked demo site, as Elasticsearch and `newsflow sources` see it; the clean one stays CLEAN.
            JsonNode hacked = await("the hacked site's health document").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> sourceHealth(elasticsearch, "Warta Nusantara"),
                            doc -> doc != null && doc.path("state").asText().equals("COMPROMISED"));
            assertThat(hacked.path("evidence").path("spamArticles").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(hacked.path("evidence").path("firstSpamUrl").asText()).startsWith(demo.group(1) + "pages/");
            assertThat(hacked.path("evidence").path("samples").path(0).path("rule").asText()).startsWith("spam-");
            assertThat(sourceHealth(elasticsearch, "Harbour Times").path("state").asText()).isEqualTo("CLEAN");
            StringWriter sources = new StringWriter();
            int sourcesExit = Newsflow.commandLine().setOut(new PrintWriter(sources, true))
                    .setErr(new PrintWriter(sources, true))
                    .execute("sources", "--config", liveConfig(endpoints()).toString());
            assertThat(sourcesExit).as("newsflow sources:%n%s", sources).isZero();
            assertThat(sources.toString()).containsPattern("Warta Nusantara\\s+COMPROMISED")
                    .containsPattern("Harbour Times\\s+CLEAN").contains("spam-");

            up.stop();
            assertThat(exit.get(3, TimeUnit.MINUTES)).as("exit code; output:%n%s", output).isZero();
            Files.writeString(RUN_DIR.resolve("up-output.txt"), output.toString()); // what a user would have seen
            assertThat(output.toString()).contains("Stopped.");
            await("every server process gone").atMost(Duration.ofSeconds(30))
                    .until(() -> servers.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                            .orElse(false)) && serverProcesses().isEmpty());
        } finally {
            up.stop();
            exit.get(5, TimeUnit.MINUTES);
        }
    }

    private static StackEndpoints endpoints() {
        Path file = RUN_DIR.resolve("stack").resolve(Stack.ENDPOINTS_FILE);
        return Files.isRegularFile(file) ? StackEndpoints.readFrom(file) : null;
    }

    /** Processes (and their children) whose command line names this test's run dir: the stack's servers. */
    private static List<Long> serverProcesses() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                .map(line -> line.contains(RUN_DIR.toString())).orElse(false))
                .forEach(process -> {
                    pids.add(process.pid());
                    process.descendants().forEach(child -> pids.add(child.pid()));
                });
        return pids;
    }

    /** The source's document in the source-health index, or null while there is none. */
    private JsonNode sourceHealth(String elasticsearch, String source) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch
                + "/source-health/_doc/" + source.replace(" ", "%20"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("_source") : null;
    }

    /** A config file naming the running stack's Kafka and registry, for commands run beside up. */
    private Path liveConfig(StackEndpoints endpoints) throws Exception {
        return Files.writeString(configDir.resolve("live.yml"), "kafka:\n  bootstrapServers: "
                + endpoints.kafkaBootstrapServers() + "\nregistry:\n  url: " + endpoints.registryUrl() + "\n");
    }

    private JsonNode firstHit(String elasticsearch, String phrase) throws Exception {
        String query = "{\"query\": {\"match_phrase\": {\"title\": " + JSON.writeValueAsString(phrase) + "}}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch
                        + "/articles/_search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null; // the index does not exist until the sink's first start-up finishes
        }
        JsonNode hits = JSON.readTree(response.body()).path("hits").path("hits");
        return hits.isEmpty() ? null : hits.get(0).path("_source");
    }
}
