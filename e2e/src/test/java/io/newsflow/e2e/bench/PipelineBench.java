package io.newsflow.e2e.bench;

import io.newsflow.avro.RawArticle;
import io.newsflow.e2e.bench.InProcessApps.RunningApp;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.streams.ArticleMapping;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The pipeline benchmark (BENCHMARKS.md, section "pipeline"): one run on a stack of its own that measures, side by
 * side and in alternating order,
 *
 * <ul>
 *   <li>(a) the enrich app's throughput against a pass-through Kafka Streams app on the same raw topic with the same
 *       serdes, and against the same cleaning core in a plain loop over the same records;
 *   <li>(b) the enrich app under exactly_once_v2 against the same app under at_least_once;
 *   <li>(c) publish-to-searchable latency (raw article produced to document searchable) at half the sustainable load
 *       of the pipeline (enrich and sink as their own processes), against its floor.
 * </ul>
 *
 * <p>Options: {@code --records=N} raw articles per throughput run (default 600), {@code --rounds=R} (3),
 * {@code --burst=N} articles that measure the sustainable load (400), {@code --latency-seconds=S} (60),
 * {@code --health-records=N} clean articles the source-health app alone reads (6000), {@code --warmup-rounds=W}
 * rounds of every variant run first and not counted (0: JIT and page cache warm up while they run),
 * {@code --variants=LOOP,ENRICH_EOS} (a subset, for profiling), {@code --skip-throughput}, {@code --skip-latency}, {@code --external-stack=<endpoints file>} (servers already
 * running, as {@code newsflow stack up} writes them; by default the run starts its own stack). Prints to stdout only (this is a command, not library code).
 */
public final class PipelineBench {
    enum Variant {
        LOOP("plain loop: ArticleCleaner on the same records, 1 calling thread", null, 0),
        PASS_THROUGH("pass-through Streams app: exactly_once_v2, mapValues(identity)", null, 0),
        ENRICH_EOS("enrich app: exactly_once_v2, commit 100 ms (its default)", "exactly_once_v2", 100),
        ENRICH_ALOS("enrich app: at_least_once, commit 100 ms", "at_least_once", 100),
        ENRICH_EOS_1S("enrich app: exactly_once_v2, commit 1 s", "exactly_once_v2", 1000),
        ENRICH_ALOS_1S("enrich app: at_least_once, commit 1 s", "at_least_once", 1000),
        ENRICH_WITH_HEALTH("enrich app with source health beside it, as the enrich service runs them: exactly_once_v2,"
                + " commits 100 ms / 1 s (their defaults)", "exactly_once_v2", 100),
        HEALTH("source-health app alone on clean articles: exactly_once_v2, commit 1 s (its default)", null, 0);

        final String description;
        final String guarantee;
        final long commitMillis;

        Variant(String description, String guarantee, long commitMillis) {
            this.description = description;
            this.guarantee = guarantee;
            this.commitMillis = commitMillis;
        }
    }

    private static final PrintStream OUT = System.out;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

    private final Map<String, String> options;
    private final int records;
    private final int rounds;
    private final int healthRecords;
    /** The last Streams run's thread time ratios, printed beside its rate. */
    private String threadTime = "";

    private PipelineBench(Map<String, String> options) {
        this.options = options;
        this.records = Integer.parseInt(options.getOrDefault("records", "600"));
        this.rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        this.healthRecords = Integer.parseInt(options.getOrDefault("health-records", "6000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length == 2 ? pair[1] : "true");
        }
        new PipelineBench(options).run(String.join(" ", args));
        System.exit(0); // Kafka clients' and Streams' non-daemon threads of closed apps must not keep the JVM
    }

    private void run(String commandLine) throws Exception {
        OUT.printf(Locale.ROOT, "pipeline benchmark %s, args [%s], JDK %s, %d cores, load average %.1f%n",
                Instant.now(), commandLine, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                loadAverage());
        if (options.containsKey("external-stack")) {
            measure(StackEndpoints.readFrom(Path.of(options.get("external-stack"))));
        } else {
            try (Stack stack = Stack.builder().runDir(Path.of("target", "bench-stack"))
                    .startTimeout(Duration.ofMinutes(10)).build()) {
                measure(stack.start());
            }
        }
        OUT.printf(Locale.ROOT, "load average at the end %.1f%n", loadAverage());
    }

    private void measure(StackEndpoints endpoints) throws InterruptedException {
        List<RawArticles.Page> pages = RawArticles.articles(RawArticles.realisticPages());
        long bytes = pages.stream().mapToLong(page -> page.body().length).sum();
        OUT.printf(Locale.ROOT, "%d realistic pages (extraction fixtures and the seed), %.1f MB, mean %.0f KB%n",
                pages.size(), bytes / 1e6, bytes / 1e3 / pages.size());
        try (Kafka kafka = new Kafka(endpoints)) {
            Map<Variant, List<Double>> rates = options.containsKey("skip-throughput") ? Map.of()
                    : throughput(endpoints, kafka, pages);
            LatencyRun.Result latency = options.containsKey("skip-latency") ? null
                    : new LatencyRun(endpoints, kafka, pages, Integer.parseInt(options.getOrDefault("burst", "400")),
                            Duration.ofSeconds(Long.parseLong(options.getOrDefault("latency-seconds", "60"))))
                            .run(OUT);
            printTable(rates, latency);
        }
    }

    /** Every variant once per round, the order rotating from round to round; articles/s per variant and round. */
    private Map<Variant, List<Double>> throughput(StackEndpoints endpoints, Kafka kafka, List<RawArticles.Page> pages) {
        PipelineConfig base = PipelineConfig.forRun("bench-throughput", endpoints);
        kafka.createTopics(3, base.rawTopic());
        List<RawArticle> batch = RawArticles.batch(pages, records, "bench.example.org", base.name());
        try (KafkaProducer<String, RawArticle> producer = kafka.rawArticleProducer()) {
            batch.forEach(raw -> producer.send(new ProducerRecord<>(base.rawTopic(), raw.getId(), raw)));
        }
        long mb = batch.stream().mapToLong(raw -> raw.getBody().remaining()).sum() / 1_000_000;
        OUT.printf(Locale.ROOT, "throughput: %d raw articles (%d MB) on %s; %d rounds%n", records, mb,
                base.rawTopic(), rounds);

        ArticleCleaner cleaner = ArticleCleaner.defaults();
        loop(cleaner, batch); // warm-up: JIT, lingua models, lexicons
        Map<Variant, List<Double>> rates = new EnumMap<>(Variant.class);
        Variant[] order = options.containsKey("variants")
                ? Arrays.stream(options.get("variants").split(",")).map(Variant::valueOf).toArray(Variant[]::new)
                : Variant.values();
        String healthInput = Arrays.asList(order).contains(Variant.HEALTH)
                ? HealthInput.load(endpoints, kafka, cleaner, batch, healthRecords, OUT) : null;
        int warmup = Integer.parseInt(options.getOrDefault("warmup-rounds", "0"));
        for (int round = 1 - warmup; round <= rounds; round++) {
            for (int i = 0; i < order.length; i++) {
                Variant variant = order[Math.floorMod(i + round - 1, order.length)];
                double rate = switch (variant) {
                    case LOOP -> loop(cleaner, batch);
                    case PASS_THROUGH -> streams(() -> {
                        PipelineConfig run = PipelineConfig.forRun("bench-pass", endpoints);
                        kafka.createTopics(3, run.cleanTopic());
                        return InProcessApps.passThrough(endpoints.kafkaBootstrapServers(), endpoints.registryUrl(),
                                run.name() + "-pass", run.dir().resolve("state").toString(), base.rawTopic(),
                                run.cleanTopic());
                    });
                    case ENRICH_WITH_HEALTH -> streams(() -> InProcessApps.enrichWithHealth(
                            healthTopics(kafka, enrichRun(endpoints, kafka, base, variant))));
                    case HEALTH -> streams(() -> InProcessApps.health(healthTopics(kafka,
                            PipelineConfig.forRun("bench-health", endpoints).withCleanTopic(healthInput))),
                            healthRecords);
                    default -> streams(() -> InProcessApps.enrich(enrichRun(endpoints, kafka, base, variant)));
                };
                if (round >= 1) {
                    rates.computeIfAbsent(variant, v -> new ArrayList<>()).add(rate);
                }
                OUT.printf(Locale.ROOT, "  round %d%s  %-12s %7.1f articles/s  (load average %.1f)%s%n", round,
                        round >= 1 ? "" : " (warm-up, not counted)", variant, rate, loadAverage(), variant == Variant.LOOP ? "" : "  stream thread: " + threadTime);
            }
        }
        return rates;
    }

    /** A run of the enrich app reading the shared raw topic, writing a topic of its own, as the variant says. */
    private static PipelineConfig enrichRun(StackEndpoints endpoints, Kafka kafka, PipelineConfig base,
            Variant variant) {
        PipelineConfig run = PipelineConfig.forRun("bench-" + variant.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        endpoints)
                .kafkaProperty("processing.guarantee", variant.guarantee)
                .set("enrich", "commitInterval", variant.commitMillis + "ms");
        kafka.createTopics(3, run.cleanTopic(), run.deadLetterTopic());
        run.set("enrich", "stateDir", run.dir().resolve("state").toString());
        return run.withRawTopic(base.rawTopic());
    }

    /** The run's source-health topic, compacted as {@code topics create} makes it, and its state dir. */
    private static PipelineConfig healthTopics(Kafka kafka, PipelineConfig run) {
        kafka.createTopics(3, run.healthTopic());
        run.set("enrich", "stateDir", run.dir().resolve("state").toString());
        return run;
    }

    /** The cleaning core over every record, one thread: articles per second. */
    private static double loop(ArticleCleaner cleaner, List<RawArticle> batch) {
        long started = System.nanoTime();
        int cleaned = 0;
        for (RawArticle raw : batch) {
            if (cleaner.clean(ArticleMapping.toInput(raw)) instanceof CleanResult.Cleaned) {
                cleaned++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (cleaned != batch.size()) {
            throw new IllegalStateException("the core rejected " + (batch.size() - cleaned) + " of the records");
        }
        return batch.size() / seconds;
    }

    /**
     * Starts an app on the raw topic and times it from its first processed record to its last: the stream thread's
     * steady rate, commits included (they run on that thread), start-up and group join excluded.
     */
    private double streams(Supplier<RunningApp> start) {
        return streams(start, records);
    }

    private double streams(Supplier<RunningApp> start, int records) {
        try (RunningApp app = start.get()) {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            long first = 0;
            while (true) {
                long processed = app.processed();
                long now = System.nanoTime();
                if (first == 0 && processed >= 1) {
                    first = now;
                }
                if (processed >= records) {
                    threadTime = app.threadRatios().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).sorted()
                            .collect(Collectors.joining(", "));
                    return (records - 1) / ((now - first) / 1e9);
                }
                if (now > deadline) {
                    throw new IllegalStateException("the app processed only " + processed + " of " + records
                            + " records in " + RUN_TIMEOUT);
                }
                Thread.sleep(10); // sampling a counter: the resolution of the measurement, not a wait for a condition
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void printTable(Map<Variant, List<Double>> rates, LatencyRun.Result latency) {
        OUT.println();
        OUT.println("| measure | median | spread (min - max) | rounds | goal |");
        OUT.println("|---|---|---|---|---|");
        for (Variant variant : Variant.values()) {
            List<Double> values = rates.get(variant);
            if (values != null) {
                OUT.printf(Locale.ROOT, "| %s, articles/s | %.1f | %.1f - %.1f | %s | |%n", variant.description,
                        median(values), min(values), max(values), list(values, "%.1f"));
            }
        }
        ratio("(a1) enrich EOS / plain loop", rates, Variant.ENRICH_EOS, List.of(Variant.LOOP), ">= 0.85");
        ratio("(a2) enrich EOS / pass-through", rates, Variant.ENRICH_EOS, List.of(Variant.PASS_THROUGH), "");
        ratio("(a) enrich EOS / min(pass-through, plain loop)", rates, Variant.ENRICH_EOS, List.of(Variant.PASS_THROUGH, Variant.LOOP), ">= 0.85");
        ratio("(b) enrich EOS / enrich at-least-once, commit 100 ms", rates, Variant.ENRICH_EOS, List.of(Variant.ENRICH_ALOS), ">= 0.9");
        ratio("(b) the same, commit 1 s", rates, Variant.ENRICH_EOS_1S, List.of(Variant.ENRICH_ALOS_1S),
                ">= 0.9");
        ratio("(d) enrich with source health beside it / enrich alone (EOS, commit 100 ms)", rates,
                Variant.ENRICH_WITH_HEALTH, List.of(Variant.ENRICH_EOS), ">= 0.95");
        ratio("(d2) source-health app alone / enrich alone, articles/s", rates, Variant.HEALTH,
                List.of(Variant.ENRICH_EOS), "");
        if (latency != null) {
            latency.printRows(OUT);
        }
    }

    /**
     * The rate of {@code numerator} over the smallest rate of {@code denominators}, each from the same round, for
     * every round; its median and spread. Skipped when a variant was not run.
     */
    private void ratio(String name, Map<Variant, List<Double>> rates, Variant numerator, List<Variant> denominators,
            String goal) {
        if (!rates.containsKey(numerator) || !rates.keySet().containsAll(denominators)) {
            return;
        }
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            int round = i;
            values.add(rates.get(numerator).get(round) / denominators.stream()
                    .mapToDouble(variant -> rates.get(variant).get(round)).min().orElseThrow());
        }
        OUT.printf(Locale.ROOT, "| %s | %.2f | %.2f - %.2f | %s | %s |%n", name, median(values), min(values),
                max(values), list(values, "%.2f"), goal);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String list(List<Double> values, String format) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
