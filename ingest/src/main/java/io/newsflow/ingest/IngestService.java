package io.newsflow.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.common.ops.Health;
import io.newsflow.ingest.config.FeedCatalog;
import io.newsflow.ingest.config.FeedReloader;
import io.newsflow.ingest.config.FeedSet;
import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.group.FeedGroup;
import io.newsflow.ingest.group.FeedKeys;
import io.newsflow.ingest.group.FeedOwnership;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.poll.FeedPoller;
import io.newsflow.ingest.poll.FeedMemory;
import io.newsflow.ingest.poll.FeedScheduler;
import io.newsflow.ingest.fetch.Fetching;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
    private final FeedOwnership ownership;
    private final PublishedLedger ledger;
    private final AutoCloseable membership;

    /**
     * What the service runs on; the Kafka ones come from {@code io.newsflow.ingest.kafka}.
     *
     * @param group the group this instance shares the feeds with, or null to poll every feed and read the whole
     *     ledger at start
     */
    public record Parts(Fetching fetching, ArticlePublisher publisher, LedgerStore ledgerStore, MeterRegistry meters,
            Clock clock, FeedGroup group) {
        public Parts(Fetching fetching, ArticlePublisher publisher, LedgerStore ledgerStore, MeterRegistry meters,
                Clock clock) {
            this(fetching, publisher, ledgerStore, meters, clock, null);
        }
    }

    private IngestService(IngestSettings settings, Path configFile, Map<String, String> env, Parts parts)
            throws IOException {
        this.settings = settings;
        this.fetching = parts.fetching();
        this.publisher = parts.publisher();
        this.ledgerStore = parts.ledgerStore();
        this.clock = parts.clock();
        long started = System.nanoTime();
        FeedGroup group = parts.group();
        if (group == null) {
            this.ownership = FeedOwnership.everything();
            this.ledger = PublishedLedger.load(parts.ledgerStore());
            log.info("ledger: {} articles and {} feed items remembered, read in {} ms", ledger.articleCount(),
                    ledger.itemCount(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        } else {
            // the group restores each partition's share of the ledger when it assigns it, before its feeds poll
            this.ownership = FeedOwnership.byPartition(group.partitions(), group::partitionOf);
            this.ledger = PublishedLedger.empty(parts.ledgerStore());
        }
        ledger.retain(settings.ledgerRetention());
        PublishedLedger ledger = this.ledger;
        IngestMetrics metrics = new IngestMetrics(parts.meters());
        metrics.gauge("newsflow.ingest.ledger.articles", "Articles in the published ledger", ledger::articleCount);
        metrics.gauge("newsflow.ingest.ledger.items", "Feed items in the published ledger", ledger::itemCount);
        ItemPipeline pipeline = new ItemPipeline(parts.fetching(), ledger, parts.publisher(), metrics,
                parts.clock(), settings.itemConcurrency(), settings.pageAttempts());
        this.scheduler = new FeedScheduler(new FeedPoller(parts.fetching(), pipeline, metrics),
                PollPlanner.from(settings, new SplittableRandom()), parts.clock(), settings.cycleWindow(),
                settings.feedConcurrency(), new FeedMemory.Store() {
                    @Override
                    public Optional<FeedMemory> recall(String identity) {
                        return ledger.feedMemory(identity).flatMap(FeedMemory::decode);
                    }

                    @Override
                    public void keep(FeedSpec feed, FeedMemory memory) {
                        ledger.keepFeed(FeedKeys.hostKey(feed), feed.identity(), memory.encode());
                    }
                });
        FeedCatalog catalog = new FeedCatalog(settings, configFile, env);
        FeedSet first = catalog.load();
        first.problems().forEach(problem -> log.warn("feed source problem: {}", problem));
        first.warnings().forEach(warning -> log.warn("feed source warning: {}", warning));
        List<FeedSpec> owned = ownership.configure(first.feeds());
        log.info(group == null ? "polling {} feeds" : "{} feeds configured; polled once the group assigns them",
                first.feeds().size());
        scheduler.apply(owned);
        scheduler.start();
        metrics.gauge("newsflow.ingest.feeds.configured", "Feeds configured on this instance",
                () -> ownership.configured().size());
        metrics.gauge("newsflow.ingest.feeds.owned", "Feeds this instance owns and polls", () -> scheduler.status().size());
        metrics.gauge("newsflow.ingest.partitions.owned", "Ledger partitions this instance owns",
                () -> ownership.ownsEverything() ? group == null ? 1 : 0 : ownership.ownedPartitions().size());
        this.reloader = new FeedReloader(catalog, settings, first, set -> scheduler.apply(ownership.configure(set.feeds())));
        this.membership = group == null ? null : group.join(new Member());
    }

    /** What the group drives: the ledger's restore, and which feeds the scheduler polls. */
    private final class Member implements FeedGroup.Member {
        @Override
        public void remember(String key, String value) {
            ledger.remember(key, value);
        }

        @Override
        public void take(Collection<Integer> partitions) {
            List<FeedSpec> owned = ownership.take(partitions);
            scheduler.apply(owned);
            log.info("owning partitions {}: {} feeds polled here", ownership.ownedPartitions(), owned.size());
        }

        @Override
        public void release(Collection<Integer> partitions) {
            Set<String> leaving = ownership.feedsOf(partitions).stream().map(FeedSpec::identity)
                    .collect(Collectors.toSet());
            List<FeedSpec> owned = ownership.release(partitions);
            scheduler.apply(owned);
            try {
                if (!scheduler.awaitNotPolling(leaving, settings.shutdownTimeout())) {
                    log.warn("polls of released feeds still running after {}; their transactions are refused by the"
                            + " group coordinator once the group moved on", settings.shutdownTimeout());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.info("released partitions {}: {} feeds polled here now", partitions, owned.size());
        }

        @Override
        public List<FeedSpec> configured() {
            return ownership.configured();
        }

        @Override
        public boolean owns(int partition) {
            return ownership.ownsPartition(partition);
        }
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
        String owning = ownership.ownsEverything() ? ""
                : " owned of " + ownership.configured().size() + " configured (ledger partitions "
                        + ownership.ownedPartitions() + " of " + ownership.partitions() + ")";
        String detail = feeds + " feeds" + owning + ", " + failing + " failing; last cycle "
                + (last == null ? "not yet ended" : "ended " + Duration.between(last, clock.instant()).toSeconds() + "s ago");
        return feeds > 0 && failing == feeds ? Health.degraded(detail) : Health.up(detail);
    }

    @Override
    public void close() {
        log.info("stopping: letting running polls finish (up to {})", settings.shutdownTimeout());
        reloader.close();
        scheduler.stop(settings.shutdownTimeout());
        if (membership != null) {
            try {
                membership.close();
            } catch (Exception e) {
                log.warn("leaving the group failed: {}", e.toString());
            }
        }
        fetching.close();
        publisher.flush();
        publisher.close();
        ledgerStore.close();
        log.info("stopped");
    }
}
