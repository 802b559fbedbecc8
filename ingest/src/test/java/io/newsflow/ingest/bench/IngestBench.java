package io.newsflow.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.BodySource;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.ingest.kafka.BenchPublishers;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.schemas.serde.AvroSerializer;
import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.poll.FeedPoller;
import io.newsflow.ingest.poll.FeedScheduler;
import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.poll.PollPlanner;
import io.newsflow.ingest.publish.ItemPipeline;
import io.newsflow.ingest.publish.PublishedLedger;
import io.newsflow.ingest.poll.SafeFetching;
import io.newsflow.ingest.testing.MemoryLedgerStore;
import io.newsflow.ingest.testing.RecordingPublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Ingest throughput on this machine, against local servers (see BENCHMARKS.md for the command and numbers):
 *
 * <ol>
 *   <li>clean: N clean feeds, every item new: pages fetched (fetched, canonicalised, hashed, built into a
 *       RawArticle, handed to the publisher) per second;
 *   <li>mixed: the same with 10% of the feeds hostile (stalling, gzip bombs, endless bodies): pages per second of
 *       the clean feeds; the ratio mixed / clean is the goal (≥ 0.9). A mixed round is timed until its last clean
 *       feed is done; the hostile feeds still stalling then are cut off, untimed. After two warm-up rounds,
 *       {@code --blocks=N} (5) blocks run clean, mixed, mixed, clean, each side the mean of its two; the figures are
 *       the medians over the blocks (one block's rounds last a second or two, and move by a third under load);
 *   <li>re-poll: the clean feeds again with a warm ledger (every item unchanged, no page fetched): feeds per minute.
 * </ol>
 *
 * Publishing is measured up to the publish boundary (an in-memory publisher), not to a broker.
 */
public final class IngestBench {
    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int feeds = Integer.parseInt(options.getOrDefault("feeds", "200"));
        int items = Integer.parseInt(options.getOrDefault("items", "20"));
        int hosts = Integer.parseInt(options.getOrDefault("hosts", "16"));
        double hostileShare = Double.parseDouble(options.getOrDefault("hostile", "0.1"));
        IngestSettings settings = settings();
        if (options.containsKey("kafka")) {
            publishing(options.get("kafka"), feeds, items, hosts, settings);
            System.exit(0);
        }
        System.out.printf(Locale.ROOT, "ingest bench: %d feeds x %d items on %d local hosts, %d cores, SafeFetcher%n",
                feeds, items, hosts, Runtime.getRuntime().availableProcessors());
        if (options.containsKey("repoll")) {
            repollOnly(Integer.parseInt(options.get("repoll")), feeds, items, hosts, settings);
            System.exit(0);
        }
        int blocks = Integer.parseInt(options.getOrDefault("blocks", "5"));
        try (BenchSite site = new BenchSite(hosts, items, Duration.ofSeconds(60))) {
            Fetching fetching = SafeFetching.create(settings);
            round(site, fetching, settings, feeds, items, 0, 0.0, "warm-up", new MemoryLedgerStore());
            round(site, fetching, settings, feeds, items, 10_000, hostileShare, "warm-up", new MemoryLedgerStore());
            MemoryLedgerStore cleanLedger = new MemoryLedgerStore();
            double[] cleans = new double[blocks];
            double[] mixeds = new double[blocks];
            double[] ratios = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                // Clean, mixed, mixed, clean: a drift in speed (JIT, the machine's other load) hits both sides
                // alike; one block's rounds last a second or two each, so the ratio is the median over the blocks.
                int offset = 20_000 + 40_000 * b;
                double clean = round(site, fetching, settings, feeds, items, offset, 0.0, "clean",
                        b == 0 ? cleanLedger : new MemoryLedgerStore());
                double mixed = round(site, fetching, settings, feeds, items, offset + 10_000, hostileShare, "mixed",
                        new MemoryLedgerStore());
                mixed += round(site, fetching, settings, feeds, items, offset + 20_000, hostileShare, "mixed",
                        new MemoryLedgerStore());
                clean += round(site, fetching, settings, feeds, items, offset + 30_000, 0.0, "clean",
                        new MemoryLedgerStore());
                cleans[b] = clean / 2;
                mixeds[b] = mixed / 2;
                ratios[b] = mixeds[b] / cleans[b];
                System.out.printf(Locale.ROOT, "block %d: clean %.0f pages/s, mixed %.0f pages/s, ratio %.2f%n", b + 1,
                        cleans[b], mixeds[b], ratios[b]);
            }
            double repoll = repoll(site, fetching, settings, feeds, items, 20_000, cleanLedger);
            System.out.printf(Locale.ROOT, "result: clean %.0f pages/s, with %.0f%% hostile feeds %.0f pages/s, "
                    + "ratio %.2f (median of %d blocks, %.2f - %.2f); re-poll %.0f feeds/min%n", median(cleans),
                    hostileShare * 100, median(mixeds), median(ratios), blocks, min(ratios), max(ratios), repoll);
        }
        System.exit(0); // hostile servers may still be stalling their last responses
    }

    /** Polls every feed once; returns clean articles handed to the publisher per second. */
    static double round(BenchSite site, Fetching fetching, IngestSettings settings, int feeds, int items,
            int offset, double hostileShare, String name, MemoryLedgerStore store) throws Exception {
        // The entries go to the round's store with their article, as the Kafka publisher writes them in the
        // article's transaction: the re-poll round reads them back (a publisher with a store of its own left the
        // re-poll with an empty ledger, which then measured page fetches, 0 items unchanged).
        RecordingPublisher publisher = new RecordingPublisher(store);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<FeedSpec> specs = new ArrayList<>();
        int hostile = (int) Math.round(feeds * hostileShare);
        String[] kinds = {"stall", "bomb", "huge"};
        for (int i = 0; i < feeds; i++) {
            String kind = i < hostile ? kinds[i % kinds.length] : "clean";
            specs.add(new FeedSpec(site.feedUrl(kind, offset + i), null, Duration.ofHours(1), null, List.of(), null,
                    true, "bench"));
        }
        int expected = (feeds - hostile) * items;
        List<String> cleanUrls = specs.subList(hostile, feeds).stream().map(FeedSpec::url).toList();
        double seconds;
        try (FeedScheduler scheduler = scheduler(fetching, settings, store, publisher, meters)) {
            seconds = pollOnce(scheduler, specs, cleanUrls);
            scheduler.stop(Duration.ZERO); // hostile feeds may still be stalling: cut them off, untimed
        }
        long pages = publisher.published().stream().filter(a -> a.getBodySource() == BodySource.PAGE).count();
        double rate = pages / seconds;
        long duplicates = duplicates(publisher);
        System.out.printf(Locale.ROOT, "%-8s %d feeds (%d hostile): %d of %d articles published (%d pages fetched, "
                + "%d from feed content, %d duplicates) in %.2fs = %.0f pages/s%n", name, feeds, hostile,
                publisher.published().size(), expected, pages, publisher.published().size() - pages, duplicates,
                seconds, rate);
        sane(pages == expected, name + ": " + pages + " pages published of the clean feeds' " + expected);
        sane(duplicates == 0, name + ": " + duplicates + " articles published twice");
        return rate;
    }

    /**
     * {@code --kafka=<bootstrap servers>} (or {@code --kafka=start}: a broker of the stack module, started for the
     * run): the same clean rounds, published to a real broker, side by side: untransacted (an article acknowledged,
     * then its ledger entry sent; before the transactions), transactional with the default commit interval, with a
     * commit interval of 0 (each transaction takes what queued while the last one committed), and one transaction
     * per article; rounds in the order untransacted, transactional, 0 ms, 0 ms, transactional, untransacted,
     * per-article, so that a drift in speed hits the sides alike.
     */
    private static void publishing(String kafkaOption, int feeds, int items, int hosts, IngestSettings settings)
            throws Exception {
        Stack stack = null;
        String bootstrap = kafkaOption;
        if (kafkaOption.equals("start") || kafkaOption.equals("true")) {
            stack = Stack.builder().servers(Server.KAFKA).runDir(Path.of("target", "bench-stack")).build();
            bootstrap = stack.start().kafkaBootstrapServers();
        }
        try (BenchSite site = new BenchSite(hosts, items, Duration.ofSeconds(60))) {
            KafkaSettings kafka = new KafkaSettings(bootstrap, Map.of());
            AvroSerializer<RawArticle> values = new AvroSerializer<>();
            values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://ingest-bench"), false);
            Fetching fetching = SafeFetching.create(settings);
            System.out.printf(Locale.ROOT, "ingest publish bench: %d feeds x %d items on %d local hosts, broker %s, %d"
                    + " cores%n", feeds, items, hosts, bootstrap, Runtime.getRuntime().availableProcessors());
            String run = "bench-" + Long.toHexString(System.nanoTime());
            int[] round = {0};
            Publishers untransacted = (raw, ledger) -> BenchPublishers.untransacted(kafka, raw, ledger, values);
            Publishers transactional = (raw, ledger) -> BenchPublishers.transactional(kafka, raw, ledger, values,
                    settings.publish().commitInterval(), settings.publish().maxPerTransaction());
            Publishers perArticle = (raw, ledger) -> BenchPublishers.transactional(kafka, raw, ledger, values,
                    Duration.ZERO, 1);
            PublishRound rounds = (name, publishers) -> kafkaRound(site, fetching, settings, kafka, feeds, items,
                    run + "-" + round[0]++, 100_000 * round[0], name, publishers);
            Publishers groupCommit = (raw, ledger) -> BenchPublishers.transactional(kafka, raw, ledger, values,
                    Duration.ZERO, settings.publish().maxPerTransaction());
            rounds.run("warm-up", untransacted);
            rounds.run("warm-up", transactional);
            double plain = rounds.run("untransacted", untransacted);
            double tx = rounds.run("transactional", transactional);
            double eager = rounds.run("tx-0ms", groupCommit);
            eager += rounds.run("tx-0ms", groupCommit);
            tx += rounds.run("transactional", transactional);
            plain += rounds.run("untransacted", untransacted);
            double single = rounds.run("per-article", perArticle);
            plain /= 2;
            tx /= 2;
            eager /= 2;
            System.out.printf(Locale.ROOT, "result: untransacted %.0f pages/s; transactional, commitInterval %d ms:"
                    + " %.0f pages/s, ratio %.2f; commitInterval 0 ms (whatever queued while the last commit ran):"
                    + " %.0f pages/s, ratio %.2f; one transaction per article %.0f pages/s, ratio %.2f%n", plain,
                    settings.publish().commitInterval().toMillis(), tx, tx / plain, eager, eager / plain, single,
                    single / plain);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @FunctionalInterface
    private interface Publishers {
        ArticlePublisher open(String rawTopic, String ledgerTopic) throws Exception;
    }

    @FunctionalInterface
    private interface PublishRound {
        double run(String name, Publishers publishers) throws Exception;
    }

    /** Polls every (clean) feed once, publishing to fresh topics; returns pages published per second. */
    private static double kafkaRound(BenchSite site, Fetching fetching, IngestSettings settings, KafkaSettings kafka,
            int feeds, int items, String topicPrefix, int offset, String name, Publishers publishers)
            throws Exception {
        String raw = topicPrefix + ".raw";
        String ledger = topicPrefix + ".ledger";
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(raw, 3, (short) 1), new NewTopic(ledger, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        }
        List<FeedSpec> specs = new ArrayList<>();
        for (int i = 0; i < feeds; i++) {
            specs.add(new FeedSpec(site.feedUrl("clean", offset + i), null, Duration.ofHours(1), null, List.of(), null,
                    true, "bench"));
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        double seconds;
        try (ArticlePublisher publisher = publishers.open(raw, ledger);
                FeedScheduler scheduler = scheduler(fetching, settings, new MemoryLedgerStore(), publisher, meters)) {
            seconds = pollOnce(scheduler, specs, specs.stream().map(FeedSpec::url).toList());
        }
        var published = meters.find("newsflow.ingest.items").tag("result", "new").counter();
        double pages = published == null ? 0 : published.count();
        var failures = meters.find("newsflow.ingest.publish.failures").counter();
        double rate = pages / seconds;
        System.out.printf(Locale.ROOT, "%-13s %d feeds: %.0f of %d articles published and acknowledged (%.0f send"
                + " failures) in %.2fs = %.0f pages/s%n", name, feeds, pages, feeds * items,
                failures == null ? 0 : failures.count(), seconds, rate);
        sane(pages == (double) feeds * items, name + ": " + pages + " articles published of " + feeds * items);
        return rate;
    }

    /**
     * {@code --repoll=N}: one clean round to warm up and one to fill the ledger, then N re-poll rounds of the same
     * feeds; prints each and their median (to compare one build's re-poll with another's, process by process).
     */
    private static void repollOnly(int rounds, int feeds, int items, int hosts, IngestSettings settings)
            throws Exception {
        try (BenchSite site = new BenchSite(hosts, items, Duration.ofSeconds(60))) {
            Fetching fetching = SafeFetching.create(settings);
            round(site, fetching, settings, feeds, items, 0, 0.0, "warm-up", new MemoryLedgerStore());
            MemoryLedgerStore ledger = new MemoryLedgerStore();
            round(site, fetching, settings, feeds, items, 20_000, 0.0, "clean", ledger);
            double[] rates = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                rates[i] = repoll(site, fetching, settings, feeds, items, 20_000, ledger);
            }
            System.out.printf(Locale.ROOT, "result: re-poll median %.0f feeds/min of %d rounds (min %.0f, max %.0f)%n",
                    median(rates), rounds, min(rates), max(rates));
        }
    }

    /** Polls the clean feeds again with the ledger of their first round: every item unchanged. */
    private static double repoll(BenchSite site, Fetching fetching, IngestSettings settings, int feeds, int items,
            int offset, MemoryLedgerStore store) throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<FeedSpec> specs = new ArrayList<>();
        for (int i = 0; i < feeds; i++) {
            specs.add(new FeedSpec(site.feedUrl("clean", offset + i), null, Duration.ofHours(1), null, List.of(), null,
                    true, "bench"));
        }
        double seconds;
        try (FeedScheduler scheduler = scheduler(fetching, settings, store, publisher, meters)) {
            seconds = pollOnce(scheduler, specs, specs.stream().map(FeedSpec::url).toList());
        }
        double perMinute = feeds / seconds * 60;
        var counter = meters.find("newsflow.ingest.items").tag("result", "unchanged").counter();
        long unchanged = counter == null ? 0 : (long) counter.count();
        System.out.printf(Locale.ROOT, "re-poll  %d feeds, %d items unchanged, %d published, in %.2fs = %.0f feeds/min%n",
                feeds, unchanged, publisher.published().size(), seconds, perMinute);
        sane(unchanged == (long) feeds * items, "re-poll: " + unchanged + " items unchanged of " + feeds * items
                + " (the ledger of the first round did not reach this one)");
        sane(publisher.published().isEmpty(), "re-poll: " + publisher.published().size() + " articles published again");
        return perMinute;
    }

    private static FeedScheduler scheduler(Fetching fetching, IngestSettings settings, MemoryLedgerStore store,
            ArticlePublisher publisher, SimpleMeterRegistry meters) {
        IngestMetrics metrics = new IngestMetrics(meters);
        ItemPipeline pipeline = new ItemPipeline(fetching, PublishedLedger.load(store), publisher, metrics,
                Clock.systemUTC(), settings.itemConcurrency(), settings.pageAttempts());
        PollPlanner planner = new PollPlanner(Duration.ofHours(1), 0, Duration.ofHours(1), Duration.ofHours(1),
                new SplittableRandom(1));
        return new FeedScheduler(new FeedPoller(fetching, pipeline, metrics), planner, Clock.systemUTC(),
                Duration.ofSeconds(1), settings.feedConcurrency()).start();
    }

    /** Starts polling the feeds and returns the seconds until each of {@code awaited} was polled once. */
    private static double pollOnce(FeedScheduler scheduler, List<FeedSpec> feeds, List<String> awaited)
            throws InterruptedException {
        long started = System.nanoTime();
        Instant polledOnce = Instant.now().plus(Duration.ofMinutes(30)); // after a poll, the next is due in an hour
        scheduler.apply(feeds);
        awaitUntil(() -> {
            Map<String, FeedScheduler.FeedStatus> status = scheduler.status();
            return awaited.stream().allMatch(url -> status.get(url).dueAt().isAfter(polledOnce));
        }, Duration.ofMinutes(10));
        return (System.nanoTime() - started) / 1e9;
    }

    /** The service's settings, with politeness off: the bench measures ingest, not the per-host delay. */
    static IngestSettings settings() {
        ConfigSource source = ConfigSource.parse("""
                ingest:
                  feedConcurrency: 256
                  itemConcurrency: 8
                  fetch:
                    maxConnectionsPerHost: 16
                    minDelayPerHost: 0ms
                    connectTimeout: 2s
                    idleTimeout: 10s
                    totalTimeout: 30s
                    maxWireBytes: 4194304
                    maxBodyBytes: 7864320
                """, "bench.yml", Map.of());
        IngestSettings settings = IngestSettings.from(source.root(), Path.of("."));
        source.throwIfInvalid();
        return settings;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static long duplicates(RecordingPublisher publisher) {
        List<String> ids = publisher.published().stream().map(RawArticle::getId).toList();
        return ids.size() - ids.stream().distinct().count();
    }

    /** A round that measured nothing (or the wrong thing) stops the run, rather than print a figure. */
    private static void sane(boolean holds, String problem) {
        if (!holds) {
            throw new IllegalStateException("bench round not sane: " + problem);
        }
    }

    private static void awaitUntil(BooleanSupplier done, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the round did not finish within " + atMost);
            }
            Thread.sleep(5); // a harness polling for its end, not a test
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        return options;
    }
}
