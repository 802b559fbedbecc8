package io.newsflow.e2e.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.app.Newsflow;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.schemas.Topics;
import io.newsflow.sink.runtime.SinkService;
import io.newsflow.sink.SinkSettings;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.PipelineConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The replay benchmark (BENCHMARKS.md, section "replay"): per round, on a run of its own (topics, application id,
 * groups, alias), the live pipeline (enrich and sink in this JVM) takes N raw articles from produced to indexed, then
 * {@code newsflow replay} re-enriches and re-indexes the same N into a new index generation while the live pipeline
 * keeps running, and a search every 200 ms counts the hits. Prints per round the two rates (raw articles per second),
 * their ratio, and the searches that answered fewer hits than before the replay; then the medians. The live time ends
 * when a search (at Elasticsearch's refresh interval, 1 s) finds all N; the replay's when its indexer has committed
 * them (as {@code replay} reports it, at its 1 s progress period): about a second's slack on each side.
 *
 * <p>Options: {@code --records=N} (default 600), {@code --rounds=R} (3), {@code --external-stack=<endpoints file>}
 * (servers already running, as {@code newsflow stack up} writes them). Prints to stdout (a command, not library code).
 */
public final class ReplayBench {
    private static final PrintStream OUT = System.out;
    private static final Pattern REPLAY_TIME = Pattern.compile("re-indexed in ([0-9.]+)s");

    private final int records;
    private final int rounds;

    private ReplayBench(int records, int rounds) {
        this.records = records;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--")).forEach(a -> {
            String[] kv = a.substring(2).split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        ReplayBench bench = new ReplayBench(Integer.parseInt(options.getOrDefault("records", "600")),
                Integer.parseInt(options.getOrDefault("rounds", "3")));
        OUT.printf(Locale.ROOT, "replay benchmark %s, args %s, JDK %s, %d cores%n", Instant.now(), Arrays.toString(args),
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        if (options.containsKey("external-stack")) {
            bench.measure(StackEndpoints.readFrom(Path.of(options.get("external-stack"))));
        } else {
            try (Stack stack = Stack.builder().runDir(Path.of("target", "bench-stack"))
                    .startTimeout(Duration.ofMinutes(10)).build()) {
                bench.measure(stack.start());
            }
        }
        System.exit(0); // Kafka clients' and Streams' non-daemon threads of closed apps must not keep the JVM
    }

    private record Round(double liveSeconds, double replaySeconds, long searches, long fewer, long failed) {
        double ratio() {
            return liveSeconds / replaySeconds;
        }
    }

    private void measure(StackEndpoints endpoints) throws Exception {
        List<RawArticles.Page> pages = RawArticles.articles(RawArticles.realisticPages());
        List<Round> results = new ArrayList<>();
        try (Kafka kafka = new Kafka(endpoints)) {
            for (int round = 0; round < rounds; round++) {
                Round r = round(endpoints, kafka, pages);
                results.add(r);
                OUT.printf(Locale.ROOT, "round %d: live %.1f s (%.1f/s), replay %.1f s (%.1f/s), ratio %.2f; %d searches,"
                                + " %d with fewer hits, %d failed%n", round + 1, r.liveSeconds(), records / r.liveSeconds(),
                        r.replaySeconds(), records / r.replaySeconds(), r.ratio(), r.searches(), r.fewer(), r.failed());
            }
        }
        OUT.println();
        OUT.println("| round | live pipeline (raw articles/s) | replay into a new generation (raw articles/s) | ratio"
                + " | searches during the replay | answered fewer hits |");
        OUT.println("|---|---|---|---|---|---|");
        for (int i = 0; i < results.size(); i++) {
            Round r = results.get(i);
            OUT.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.2f | %d | %d |%n", i + 1, records / r.liveSeconds(),
                    records / r.replaySeconds(), r.ratio(), r.searches(), r.fewer() + r.failed());
        }
        OUT.printf(Locale.ROOT, "| median | %.1f | %.1f | %.2f | | |%n",
                median(results.stream().mapToDouble(r -> records / r.liveSeconds()).toArray()),
                median(results.stream().mapToDouble(r -> records / r.replaySeconds()).toArray()),
                median(results.stream().mapToDouble(Round::ratio).toArray()));
    }

    private Round round(StackEndpoints endpoints, Kafka kafka, List<RawArticles.Page> pages) throws Exception {
        PipelineConfig pipeline = PipelineConfig.forRun("replay-bench", endpoints);
        String run = pipeline.name();
        String alias = pipeline.alias();
        Path config = pipeline.writeAll();
        ConfigSource source = ConfigSource.load(config, Map.of());
        KafkaSettings kafkaSettings = KafkaSettings.from(source.root());
        RegistrySettings registry = RegistrySettings.from(source.root());
        Topics topics = TopicSettings.from(source.root());
        EnrichSettings enrich = EnrichSettings.from(source.root());
        SinkSettings sink = SinkSettings.from(source.root());
        source.throwIfInvalid();
        kafka.createTopics(3, topics.raw().name(), topics.clean().name(), topics.deadLetters().name(),
                topics.health().name());
        ElasticsearchClient elasticsearch = ElasticsearchClient.of(b -> b.host(endpoints.elasticsearchUrl()));
        ServiceContext context = ServiceContext.unserved(new SimpleMeterRegistry(), (reason, cause) -> {});
        try (EnrichService live = EnrichService.start(enrich, kafkaSettings, registry, topics, context);
                AutoCloseable liveSink = SinkService.start(context, kafkaSettings, registry, topics, sink)) {
            List<RawArticle> batch = RawArticles.batch(pages, records, "bench.example.org", run);
            await(() -> exists(elasticsearch, alias)); // the sink made its index: it is ready to write
            long started = System.nanoTime();
            try (KafkaProducer<String, RawArticle> producer = kafka.rawArticleProducer()) {
                batch.forEach(raw -> producer.send(new ProducerRecord<>(topics.raw().name(), raw.getId(), raw)));
            }
            // Searchable at Elasticsearch's own refresh interval (a refresh forced at every poll would slow indexing).
            await(() -> count(elasticsearch, alias) >= records);
            double liveSeconds = (System.nanoTime() - started) / 1e9;

            AtomicBoolean searching = new AtomicBoolean(true);
            AtomicLong searches = new AtomicLong();
            AtomicLong fewer = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Thread searcher = Thread.ofPlatform().name("replay-bench-search").start(() -> {
                while (searching.get()) {
                    try {
                        long hits = elasticsearch.count(c -> c.index(alias)).count();
                        searches.incrementAndGet();
                        if (hits < records) {
                            fewer.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    sleep(200); // the search cadence, not a wait for a condition
                }
            });
            StringWriter output = new StringWriter();
            int exit = Newsflow.commandLine().setOut(new PrintWriter(output, true))
                    .setErr(new PrintWriter(output, true))
                    .execute("replay", "--config", config.toString(), "--progress-every", "PT1S");
            searching.set(false);
            searcher.join();
            Matcher time = REPLAY_TIME.matcher(output.toString());
            if (exit != 0 || !time.find()) {
                throw new IllegalStateException("replay failed (exit " + exit + "):\n" + output);
            }
            return new Round(liveSeconds, Double.parseDouble(time.group(1)), searches.get(), fewer.get(),
                    failed.get());
        }
    }

    private static boolean exists(ElasticsearchClient client, String alias) {
        try {
            return client.indices().existsAlias(a -> a.name(alias)).value();
        } catch (Exception e) {
            return false;
        }
    }

    private static long count(ElasticsearchClient client, String alias) {
        try {
            return client.count(c -> c.index(alias)).count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
