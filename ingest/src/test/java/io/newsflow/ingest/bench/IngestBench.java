package io.newsflow.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.BodySource;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.ingest.IngestMetrics;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.poll.FeedPoller;
import io.newsflow.ingest.poll.FeedScheduler;
import io.newsflow.ingest.poll.Fetching;
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
 *       the clean feeds; the ratio mixed / clean is the goal (≥ 0.9). After two warm-up rounds, clean and mixed rounds run
 *       clean, mixed, mixed, clean, and each side is the mean of its two;
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
        System.out.printf(Locale.ROOT, "ingest bench: %d feeds x %d items on %d local hosts, %d cores, SafeFetcher%n",
                feeds, items, hosts, Runtime.getRuntime().availableProcessors());
        try (BenchSite site = new BenchSite(hosts, items, Duration.ofSeconds(60))) {
            Fetching fetching = SafeFetching.create(settings);
            round(site, fetching, settings, feeds, items, 0, 0.0, "warm-up", new MemoryLedgerStore());
            round(site, fetching, settings, feeds, items, 10_000, hostileShare, "warm-up", new MemoryLedgerStore());
            // Clean, mixed, mixed, clean: a drift in speed (JIT, the machine's other load) hits both sides alike.
            MemoryLedgerStore cleanLedger = new MemoryLedgerStore();
            double clean = round(site, fetching, settings, feeds, items, 20_000, 0.0, "clean", cleanLedger);
            double mixed = round(site, fetching, settings, feeds, items, 30_000, hostileShare, "mixed", new MemoryLedgerStore());
            mixed += round(site, fetching, settings, feeds, items, 40_000, hostileShare, "mixed", new MemoryLedgerStore());
            clean += round(site, fetching, settings, feeds, items, 50_000, 0.0, "clean", new MemoryLedgerStore());
            clean /= 2;
            mixed /= 2;
            double repoll = repoll(site, fetching, settings, feeds, 20_000, cleanLedger);
            System.out.printf(Locale.ROOT, "result: clean %.0f pages/s, with %.0f%% hostile feeds %.0f pages/s, "
                    + "ratio %.2f; re-poll %.0f feeds/min%n", clean, hostileShare * 100, mixed, mixed / clean, repoll);
        }
        System.exit(0); // hostile servers may still be stalling their last responses
    }

    /** Polls every feed once; returns clean articles handed to the publisher per second. */
    private static double round(BenchSite site, Fetching fetching, IngestSettings settings, int feeds, int items,
            int offset, double hostileShare, String name, MemoryLedgerStore store) throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
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
        System.out.printf(Locale.ROOT, "%-8s %d feeds (%d hostile): %d of %d articles published (%d pages fetched, "
                + "%d from feed content) in %.2fs = %.0f pages/s%n", name, feeds, hostile, publisher.published().size(),
                expected, pages, publisher.published().size() - pages, seconds, rate);
        return rate;
    }

    /** Polls the clean feeds again with the ledger of their first round: every item unchanged. */
    private static double repoll(BenchSite site, Fetching fetching, IngestSettings settings, int feeds, int offset,
            MemoryLedgerStore store) throws Exception {
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
        var unchanged = meters.find("newsflow.ingest.items").tag("result", "unchanged").counter();
        System.out.printf(Locale.ROOT, "re-poll  %d feeds, %.0f items unchanged, %d published, in %.2fs = %.0f feeds/min%n",
                feeds, unchanged == null ? 0 : unchanged.count(), publisher.published().size(), seconds, perMinute);
        return perMinute;
    }

    private static FeedScheduler scheduler(Fetching fetching, IngestSettings settings, MemoryLedgerStore store,
            RecordingPublisher publisher, SimpleMeterRegistry meters) {
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
    private static IngestSettings settings() {
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
