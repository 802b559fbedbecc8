package io.newsflow.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 *   <li>clean: N clean feeds, every item new: articles fetched (page fetched, hashed, built, handed to the
 *       publisher) per second;
 *   <li>mixed: the same with 10% of the feeds hostile (stalling, gzip bombs, endless bodies): articles per second of
 *       the clean feeds; the ratio mixed / clean is the goal (≥ 0.9);
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
            MemoryLedgerStore cleanLedger = new MemoryLedgerStore();
            double clean = round(site, fetching, settings, feeds, items, 1_000, 0.0, "clean", cleanLedger);
            double mixed = round(site, fetching, settings, feeds, items, 2_000, hostileShare, "mixed", new MemoryLedgerStore());
            double repoll = repoll(site, fetching, settings, feeds, items, 1_000, cleanLedger);
            System.out.printf(Locale.ROOT, "result: clean %.0f articles/s, with %.0f%% hostile feeds %.0f articles/s, "
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
        double seconds;
        try (FeedScheduler scheduler = scheduler(fetching, settings, store, publisher, meters)) {
            long started = System.nanoTime();
            scheduler.apply(specs);
            awaitUntil(() -> publisher.published().size() >= expected, Duration.ofMinutes(10));
            seconds = (System.nanoTime() - started) / 1e9;
            scheduler.stop(Duration.ZERO); // hostile feeds may still be stalling: cut them off, untimed
        }
        double rate = expected / seconds;
        System.out.printf(Locale.ROOT, "%-8s %d feeds (%d hostile): %d articles in %.2fs = %.0f articles/s%n",
                name, feeds, hostile, expected, seconds, rate);
        return rate;
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
            long started = System.nanoTime();
            scheduler.apply(specs);
            awaitUntil(() -> meters.find("newsflow.ingest.items").tag("result", "unchanged").counter() != null
                    && meters.find("newsflow.ingest.items").tag("result", "unchanged").counter().count() >= (double) feeds * items,
                    Duration.ofMinutes(10));
            seconds = (System.nanoTime() - started) / 1e9;
        }
        double perMinute = feeds / seconds * 60;
        System.out.printf(Locale.ROOT, "re-poll  %d feeds, %d items unchanged, %d published, in %.2fs = %.0f feeds/min%n",
                feeds, feeds * items, publisher.published().size(), seconds, perMinute);
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
                    idleTimeout: 2s
                    totalTimeout: 5s
                    maxWireBytes: 4194304
                    maxBodyBytes: 8388608
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
