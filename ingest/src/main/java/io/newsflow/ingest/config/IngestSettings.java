package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.ingest.feed.FeedLimits;
import io.newsflow.ingest.http.FetchSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ingest:} section. Service-wide settings are read once at start; the feed list ({@link #feeds()}) is
 * read again whenever the file changes (see {@link FeedCatalog}).
 *
 * @param feeds the {@code ingest.feeds} list of the config file itself
 * @param defaultPollInterval {@code defaultPollInterval}: for feeds that do not set their own
 * @param jitter {@code jitter}: each wait is moved by up to this fraction of it, either way, so feeds spread out
 * @param maxFeedTtl {@code maxFeedTtl}: a feed's own ttl / sy:updatePeriod is honoured up to this
 * @param maxBackoff {@code maxBackoff}: the longest wait after repeated failures
 * @param feedConcurrency {@code feedConcurrency}: feeds polled at the same time
 * @param itemConcurrency {@code itemConcurrency}: pages of one feed fetched at the same time
 * @param pageAttempts {@code pageAttempts}: polls that retry an item whose page failed before it is left alone
 * @param cycleWindow {@code cycleWindow}: feeds due within this window are polled as one cycle (one log line)
 * @param feedsDir {@code feedsDir}: the drop folder, or null
 * @param opmlFiles {@code opml}: OPML files to read feeds from
 * @param reloadDebounce {@code reload.debounce}: quiet time after a file change before reloading
 * @param rescanInterval {@code reload.rescan}: files are re-read this often even if no change was signalled
 * @param ledgerTopic {@code ledgerTopic}: compacted topic remembering what was published
 * @param ledgerRetention {@code ledgerRetention}: entries of items gone from their feed for longer are removed
 * @param shutdownTimeout {@code shutdownTimeout}: how long a stop waits for in-flight polls and sends
 * @param fetch {@code fetch.*}: the fetcher's settings, bound by {@link FetchSettings#from}
 * @param feedLimits {@code feedLimits.*}: the feed parser's limits, bound by {@link FeedLimits#from}
 * @param publish {@code instanceName} and {@code publish.*}: the transactional producer's settings
 * @param group {@code group.*}: how instances share the feeds
 */
public record IngestSettings(
        List<FeedSpec> feeds,
        Duration defaultPollInterval,
        double jitter,
        Duration maxFeedTtl,
        Duration maxBackoff,
        int feedConcurrency,
        int itemConcurrency,
        int pageAttempts,
        Duration cycleWindow,
        Path feedsDir,
        List<Path> opmlFiles,
        Duration reloadDebounce,
        Duration rescanInterval,
        String ledgerTopic,
        Duration ledgerRetention,
        Duration shutdownTimeout,
        FetchSettings fetch,
        FeedLimits feedLimits,
        PublishSettings publish,
        GroupSettings group) {

    public static final Setting<Duration> DEFAULT_POLL_INTERVAL = Setting.duration("defaultPollInterval",
            Duration.ofMinutes(15), "interval of feeds that set none").atLeast(Duration.ofSeconds(1));
    public static final Setting<Double> JITTER = Setting.decimal("jitter", 0.1, 0.0, 0.5,
            "each wait is moved randomly by up to this fraction, either way, so feeds spread out");
    public static final Setting<Duration> MAX_FEED_TTL = Setting.duration("maxFeedTtl", Duration.ofHours(24),
            "a feed's own `ttl` / `sy:updatePeriod` is honoured when longer than its interval, up to this").atLeast(Duration.ofSeconds(1));
    public static final Setting<Duration> MAX_BACKOFF = Setting.duration("maxBackoff", Duration.ofHours(6),
            "longest wait after failures in a row (never less than the feed's interval)").atLeast(Duration.ofSeconds(1));
    public static final Setting<Integer> FEED_CONCURRENCY = Setting.integer("feedConcurrency", 64, 1, 10_000,
            "feeds polled at the same time");
    public static final Setting<Integer> ITEM_CONCURRENCY = Setting.integer("itemConcurrency", 4, 1, 256,
            "pages of one feed fetched at the same time");
    public static final Setting<Integer> PAGE_ATTEMPTS = Setting.integer("pageAttempts", 3, 1, 100,
            "polls that retry the page of an item published from feed content");
    public static final Setting<Duration> CYCLE_WINDOW = Setting.duration("cycleWindow", Duration.ofSeconds(5),
            "feeds due within this window are polled as one cycle (one log line)").atLeast(Duration.ZERO);
    public static final Setting<Optional<String>> FEEDS_DIR = Setting.optionalString("feedsDir",
            "drop folder of feed files (`*.yml`, `*.txt`, `*.opml`), relative to the config file");
    public static final Setting<List<String>> OPML = Setting.strings("opml", List.of(),
            "OPML files to read feeds from, relative to the config file");
    public static final Setting<String> LEDGER_TOPIC = TopicSettings.topic("ledgerTopic", "newsflow.ingest.published",
            "compacted topic remembering what was published; names the deployment");
    public static final Setting<Duration> LEDGER_RETENTION = Setting.duration("ledgerRetention",
            Duration.ofDays(30),
            "entries of an item gone from its feed for longer are removed from the ledger"
            + " ([retention](ingest.md#a-bounded-ledger-retention))").atLeast(Duration.ofSeconds(1));
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.duration("shutdownTimeout", Duration.ofSeconds(30),
            "how long a stop lets running polls and sends finish").atLeast(Duration.ZERO);
    public static final SettingsSection SECTION = SettingsSection.of("ingest", DEFAULT_POLL_INTERVAL, JITTER,
            MAX_FEED_TTL, MAX_BACKOFF, FEED_CONCURRENCY, ITEM_CONCURRENCY, PAGE_ATTEMPTS, CYCLE_WINDOW, FEEDS_DIR,
            OPML, LEDGER_TOPIC, LEDGER_RETENTION, SHUTDOWN_TIMEOUT);

    public static final Setting<Duration> RELOAD_DEBOUNCE = Setting.duration("debounce", Duration.ofMillis(500),
            "quiet time after a feed file changed before it is reloaded").atLeast(Duration.ZERO);
    public static final Setting<Duration> RELOAD_RESCAN = Setting.duration("rescan", Duration.ofSeconds(30),
            "feed files are re-read this often even if no change was signalled").atLeast(Duration.ofMillis(100));
    public static final SettingsSection RELOAD = SettingsSection.of("ingest.reload", RELOAD_DEBOUNCE, RELOAD_RESCAN);

    public static final String DEFAULT_LEDGER_TOPIC = LEDGER_TOPIC.defaultValue();

    public IngestSettings {
        feeds = List.copyOf(feeds);
        opmlFiles = List.copyOf(opmlFiles);
    }

    /**
     * Binds {@code root.ingest}; problems go to the node's source.
     *
     * @param baseDir the folder relative paths ({@code feedsDir}, {@code opml}) are resolved against: the config
     *     file's folder
     */
    public static IngestSettings from(ConfigNode root, Path baseDir) {
        ConfigNode ingest = SECTION.node(root);
        ConfigNode reload = RELOAD.node(root);
        FetchSettings fetch = FetchSettings.from(root);
        // read in the file's usual order, so that problems are listed in it
        List<FeedSpec> feeds = FeedBinder.bindList(ingest, fetch.allowFileScheme());
        Duration pollInterval = DEFAULT_POLL_INTERVAL.read(ingest);
        double jitter = JITTER.read(ingest);
        Duration maxFeedTtl = MAX_FEED_TTL.read(ingest);
        Duration maxBackoff = MAX_BACKOFF.read(ingest);
        int feedConcurrency = FEED_CONCURRENCY.read(ingest);
        int itemConcurrency = ITEM_CONCURRENCY.read(ingest);
        int pageAttempts = PAGE_ATTEMPTS.read(ingest);
        Duration cycleWindow = CYCLE_WINDOW.read(ingest);
        Path feedsDir = FEEDS_DIR.read(ingest).map(dir -> baseDir.resolve(dir).normalize()).orElse(null);
        List<Path> opml = OPML.read(ingest).stream().map(file -> baseDir.resolve(file).normalize()).toList();
        Duration debounce = RELOAD_DEBOUNCE.read(reload);
        Duration rescan = RELOAD_RESCAN.read(reload);
        String ledgerTopic = LEDGER_TOPIC.read(ingest);
        return new IngestSettings(
                feeds, pollInterval, jitter, maxFeedTtl, maxBackoff, feedConcurrency, itemConcurrency, pageAttempts,
                cycleWindow, feedsDir, opml, debounce, rescan, ledgerTopic,
                LEDGER_RETENTION.read(ingest),
                SHUTDOWN_TIMEOUT.read(ingest),
                fetch,
                FeedLimits.from(root),
                // the ledger topic names the deployment: the default transactional id and group id start with it
                PublishSettings.from(root, ledgerTopic),
                GroupSettings.from(root, ledgerTopic));
    }
}
