package io.newsflow.e2e.bench;

import io.newsflow.e2e.support.FeedSite;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.e2e.support.TopicTally;
import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * Ingest scaling out (BENCHMARKS.md, "ingest: scaling out"): feeds polled per minute by 1, 2 and 3 ingest processes
 * in one group, against local sites on many loopback hosts (127.0.0.x), each feed re-polled as fast as its interval
 * (1 s) lets: every poll a full GET and parse, every item already published (skipped by its fingerprint). Each
 * configuration starts on fresh topics, waits until every process is up, the 12 ledger partitions are owned and
 * every first article is on the raw topic, then counts the sites' feed requests over {@code --rounds} windows of
 * {@code --window} seconds (the median is the figure); then one new item per feed is published while polling goes
 * on, and the raw topic is read back (read_committed) to count duplicates. A configuration with a duplicate, a
 * round with no poll, or an article that does not arrive fails the run.
 *
 * <p>Options: {@code --feeds=600 --hosts=60 --items=10 --instances=1,2,3 --rounds=3 --window=20}, and
 * {@code --baseline-classpath=<file>}: a file holding the classpath of another build of the app (the commit before
 * the scale-out), run as one more single-process configuration, {@code 1 (baseline)}, first and last, beside the
 * others. Prints to stdout only (this is a command, not library code).
 */
public final class IngestScaleBench {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final String PARTITIONS_OWNED = "newsflow_ingest_partitions_owned";
    private static final String HEAP = "384m";

    private final int feedCount;
    private final int hostCount;
    private final int items;
    private final int rounds;
    private final Duration window;
    private final List<FeedSite> sites = new ArrayList<>();
    /** Feed URL → its site and path, and the items it lists. */
    private final Map<String, Feed> feeds = new LinkedHashMap<>();

    private record Feed(FeedSite site, String path, List<FeedSite.Item> items) {}

    /** One configuration's figures. */
    private record Result(String name, double[] feedsPerMinute, long records, int duplicates) {
        double median() {
            double[] sorted = feedsPerMinute.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    private IngestScaleBench(Map<String, String> options) {
        this.feedCount = Integer.parseInt(options.getOrDefault("feeds", "600"));
        this.hostCount = Integer.parseInt(options.getOrDefault("hosts", "60"));
        this.items = Integer.parseInt(options.getOrDefault("items", "10"));
        this.rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        this.window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("window", "20")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        List<Integer> instances = Arrays.stream(options.getOrDefault("instances", "1,2,3").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        String baseline = options.containsKey("baseline-classpath")
                ? Files.readString(Path.of(options.get("baseline-classpath"))).strip() : null;
        IngestScaleBench bench = new IngestScaleBench(options);
        try (Stack stack = Stack.builder().servers(Server.KAFKA, Server.REGISTRY)
                .runDir(Path.of("target", "bench-stack")).startTimeout(Duration.ofMinutes(10)).build()) {
            StackEndpoints started = stack.start();
            // ingest alone: the sink's Elasticsearch URL in the shared config file is a placeholder no process uses
            StackEndpoints endpoints = new StackEndpoints(Map.of(Server.KAFKA, started.address(Server.KAFKA),
                    Server.REGISTRY, started.address(Server.REGISTRY), Server.ELASTICSEARCH, "http://127.0.0.1:9"));
            bench.run(endpoints, instances, baseline);
        } finally {
            bench.sites.forEach(FeedSite::close);
        }
        System.exit(0);
    }

    private void run(StackEndpoints endpoints, List<Integer> instances, String baseline) throws Exception {
        for (int h = 0; h < hostCount; h++) {
            sites.add(FeedSite.start(InetAddress.getByName("127.0.0." + (h + 2))));
        }
        for (int f = 0; f < feedCount; f++) {
            FeedSite site = sites.get(f % hostCount);
            Feed feed = new Feed(site, "/feed" + f + ".xml", new ArrayList<>());
            feeds.put(site.url(feed.path()), feed);
            for (int i = 0; i < items; i++) {
                addItem(feed, "a" + i);
            }
        }
        System.out.printf(Locale.ROOT, "ingest scale bench: %d feeds x %d items on %d loopback hosts, interval %d s,"
                + " %d rounds of %d s, %d cores%n", feedCount, items, hostCount, INTERVAL.toSeconds(), rounds,
                window.toSeconds(), Runtime.getRuntime().availableProcessors());
        List<Result> results = new ArrayList<>();
        try (Kafka kafka = new Kafka(endpoints)) {
            if (baseline != null) {
                results.add(configuration(endpoints, kafka, 1, baseline, "1 (baseline)"));
            }
            for (int n : instances) {
                results.add(configuration(endpoints, kafka, n, null, String.valueOf(n)));
            }
            if (baseline != null) {
                results.add(configuration(endpoints, kafka, 1, baseline, "1 (baseline)"));
            }
        }
        double one = results.stream().filter(r -> r.name().equals("1")).mapToDouble(Result::median).findFirst()
                .orElse(Double.NaN);
        System.out.println("result:");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "  instances %-12s median %6.0f feeds/min (rounds %s), ratio to 1: %.2f;"
                    + " %d articles on the raw topic, %d duplicates%n", result.name(), result.median(),
                    Arrays.toString(Arrays.stream(result.feedsPerMinute()).mapToLong(Math::round).toArray()),
                    result.median() / one, result.records(), result.duplicates());
        }
    }

    /** One configuration on topics of its own: start, wait for the first articles, measure, add items, count. */
    private Result configuration(StackEndpoints endpoints, Kafka kafka, int processes, String classpath, String name)
            throws Exception {
        PipelineConfig config = PipelineConfig.forRun("ingest-scale-bench", endpoints)
                .set("ingest", "defaultPollInterval", INTERVAL.toSeconds() + "s")
                .set("ingest", "jitter", 0)
                .set("ingest", "cycleWindow", "0ms")
                // politeness off, as in IngestBench: the figure is ingest's, not the per-host delay's
                .set("ingest", "fetch.minDelayPerHost", "0ms")
                .set("ingest", "fetch.maxConnectionsPerHost", 16);
        if (classpath == null) {
            config.set("ingest", "group.sessionTimeout", "6s");
        }
        kafka.createTopics(3, config.rawTopic());
        List<Map<String, Object>> feedList = feeds.keySet().stream()
                .map(url -> Map.<String, Object>of("url", url, "allowPrivateAddress", true)).toList();
        Set<String> firstIds = expectedIds();
        try (Services services = new Services(); TopicTally raw = TopicTally.readCommitted(kafka, config.rawTopic())) {
            List<ServiceProcess> live = new ArrayList<>();
            for (int i = 1; i <= processes; i++) {
                Map<String, Object> changes = new HashMap<>();
                changes.put("instanceName", config.name() + "-" + i);
                changes.put("feeds", feedList);
                live.add(classpath == null
                        ? services.startInstance(config, "ingest", "ingest-" + i, HEAP, changes)
                        : services.startInstance(config, "ingest", "ingest-" + i, HEAP, changes, classpath));
            }
            for (ServiceProcess process : live) {
                process.awaitUp(START_TIMEOUT);
            }
            if (classpath == null) {
                Awaitility.await("the 12 ledger partitions owned, each process owning some").atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> live.stream().mapToDouble(p -> p.metric(PARTITIONS_OWNED)).sum() == 12
                                && live.stream().allMatch(p -> p.metric(PARTITIONS_OWNED) > 0));
            }
            awaitPublished(raw, live, firstIds, name + ": every first article");
            double[] perMinute = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long before = feedRequests();
                Instant start = Instant.now();
                Thread.sleep(window.toMillis()); // a harness measuring a window of time, not a test waiting
                long polled = feedRequests() - before;
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                perMinute[r] = polled / seconds * 60;
                System.out.printf(Locale.ROOT, "instances %-12s round %d: %d feed polls in %.1f s = %.0f feeds/min%n",
                        name, r + 1, polled, seconds, perMinute[r]);
                sane(polled > 0, name + " round " + (r + 1) + ": no feed was polled");
            }
            feeds.values().forEach(feed -> addItem(feed, "b-" + config.name()));
            awaitPublished(raw, live, expectedIds(), name + ": the item added to every feed while polling");
            raw.awaitCaughtUp(Duration.ofMinutes(1));
            int duplicates = raw.duplicates().size();
            live.forEach(ServiceProcess::assertRunning);
            sane(duplicates == 0, name + ": " + duplicates + " articles on the raw topic more than once: "
                    + raw.duplicates().keySet().stream().limit(5).toList());
            return new Result(name, perMinute, raw.records(), duplicates);
        }
    }

    private void addItem(Feed feed, String round) {
        String path = feed.path().replace(".xml", "") + "/" + round + ".html";
        String title = "Story " + round + " of " + feed.site().url(feed.path());
        feed.site().page(path, "text/html; charset=utf-8", "<html><head><title>" + FeedSite.escape(title)
                + "</title></head><body><article><h1>" + FeedSite.escape(title) + "</h1><p>Told at some length, so"
                + " that it is an article, in round " + round + ".</p></article></body></html>");
        feed.items().add(new FeedSite.Item(path, title, Instant.parse("2026-12-01T10:00:00Z")
                .plusSeconds(60L * feed.items().size()), "Summary of " + title));
        feed.site().rss(feed.path(), "Feed " + feed.path(), List.copyOf(feed.items()));
    }

    private Set<String> expectedIds() {
        Set<String> ids = new HashSet<>();
        feeds.values().forEach(feed -> feed.items()
                .forEach(item -> ids.add(RawArticles.id(feed.site().url(item.path())))));
        return ids;
    }

    /** Requests of every feed so far, on every site. */
    private long feedRequests() {
        return feeds.values().stream().mapToLong(feed -> feed.site().requests(feed.path())).sum();
    }

    private static void awaitPublished(TopicTally raw, List<ServiceProcess> live, Set<String> ids, String what) {
        Awaitility.await(what).atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    live.forEach(ServiceProcess::assertRunning);
                    return raw.keys().containsAll(ids);
                });
    }

    private static void sane(boolean holds, String problem) {
        if (!holds) {
            throw new IllegalStateException("bench not sane: " + problem);
        }
    }
}
