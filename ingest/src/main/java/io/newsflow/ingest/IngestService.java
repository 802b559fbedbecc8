package io.newsflow.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.common.ops.Health;
import io.newsflow.ingest.config.FeedCatalog;
import io.newsflow.ingest.config.FeedReloader;
import io.newsflow.ingest.config.FeedSet;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.poll.FeedPoller;
import io.newsflow.ingest.poll.FeedScheduler;
import io.newsflow.ingest.poll.Fetching;
import io.newsflow.ingest.poll.PollPlanner;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.ingest.publish.ItemPipeline;
import io.newsflow.ingest.publish.LedgerStore;
import io.newsflow.ingest.publish.PublishedLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running ingest service: reads the ledger, loads the feed sources, polls on schedule and follows changes to
 * the sources. Owns the publisher and the ledger store it is given and closes them last: a stop lets running
 * polls finish (up to {@code shutdownTimeout}), then flushes the sends.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final IngestSettings settings;
    private final Fetching fetching;
    private final ArticlePublisher publisher;
    private final LedgerStore ledgerStore;
    private final FeedScheduler scheduler;
    private final FeedReloader reloader;
    private final Clock clock;

    /** What the service runs on; the Kafka ones come from {@code io.newsflow.ingest.kafka}. */
    public record Parts(Fetching fetching, ArticlePublisher publisher, LedgerStore ledgerStore, MeterRegistry meters,
            Clock clock) {}

    private IngestService(IngestSettings settings, Path configFile, Map<String, String> env, Parts parts)
            throws IOException {
        this.settings = settings;
        this.fetching = parts.fetching();
        this.publisher = parts.publisher();
        this.ledgerStore = parts.ledgerStore();
        this.clock = parts.clock();
        long started = System.nanoTime();
        PublishedLedger ledger = PublishedLedger.load(parts.ledgerStore());
        log.info("ledger: {} articles and {} feed items remembered, read in {} ms", ledger.articleCount(),
                ledger.itemCount(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        IngestMetrics metrics = new IngestMetrics(parts.meters());
        metrics.gauge("newsflow.ingest.ledger.articles", "Articles in the published ledger", ledger::articleCount);
        ItemPipeline pipeline = new ItemPipeline(parts.fetching(), ledger, parts.publisher(), metrics,
                parts.clock(), settings.itemConcurrency(), settings.pageAttempts());
        this.scheduler = new FeedScheduler(new FeedPoller(parts.fetching(), pipeline, metrics),
                PollPlanner.from(settings, new SplittableRandom()), parts.clock(), settings.cycleWindow(),
                settings.feedConcurrency());
        FeedCatalog catalog = new FeedCatalog(settings, configFile, env);
        FeedSet first = catalog.load();
        first.problems().forEach(problem -> log.warn("feed source problem: {}", problem));
        first.warnings().forEach(warning -> log.warn("feed source warning: {}", warning));
        log.info("polling {} feeds", first.feeds().size());
        scheduler.apply(first.feeds());
        scheduler.start();
        metrics.gauge("newsflow.ingest.feeds.configured", "Feeds being polled", () -> scheduler.status().size());
        this.reloader = new FeedReloader(catalog, settings, first, set -> scheduler.apply(set.feeds()));
    }

    /**
     * Starts the service.
     *
     * @param configFile the config file whose {@code ingest.feeds} is followed for changes, or null
     */
    public static IngestService start(IngestSettings settings, Path configFile, Map<String, String> env, Parts parts)
            throws IOException {
        return new IngestService(settings, configFile, env, parts);
    }

    /**
     * UP while the scheduler runs; DEGRADED when every feed failed its last poll (nothing can arrive: a network or
     * proxy problem more likely than bad feeds) or while the publisher retries a fault of the broker; DOWN if the
     * scheduler stopped or the publisher gave up (fenced by another instance).
     */
    public Health health() {
        if (!scheduler.isRunning()) {
            return Health.down("the feed scheduler is not running");
        }
        Health publishing = publisher.health();
        if (publishing.status() != Health.Status.UP) {
            return publishing;
        }
        Instant last = scheduler.lastCycleEnd();
        int feeds = scheduler.status().size();
        long failing = scheduler.status().values().stream().filter(feed -> feed.failuresInARow() > 0).count();
        String detail = feeds + " feeds, " + failing + " failing; last cycle "
                + (last == null ? "not yet ended" : "ended " + Duration.between(last, clock.instant()).toSeconds() + "s ago");
        return feeds > 0 && failing == feeds ? Health.degraded(detail) : Health.up(detail);
    }

    @Override
    public void close() {
        log.info("stopping: letting running polls finish (up to {})", settings.shutdownTimeout());
        reloader.close();
        scheduler.stop(settings.shutdownTimeout());
        fetching.close();
        publisher.flush();
        publisher.close();
        ledgerStore.close();
        log.info("stopped");
    }
}
