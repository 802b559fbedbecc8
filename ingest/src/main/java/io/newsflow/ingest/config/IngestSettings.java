package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.ingest.feed.FeedLimits;
import io.newsflow.ingest.http.FetchSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    public static final String DEFAULT_LEDGER_TOPIC = "newsflow.ingest.published";
    /** The default of {@code ingest.ledgerRetention}. */
    public static final Duration DEFAULT_LEDGER_RETENTION = Duration.ofDays(30);

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
        ConfigNode ingest = root.section("ingest");
        FetchSettings fetch = FetchSettings.from(root);
        boolean allowFileUrls = fetch.allowFileScheme();
        Duration defaultInterval = atLeast(ingest, "defaultPollInterval", Duration.ofMinutes(15), Duration.ofSeconds(1));
        return new IngestSettings(
                FeedBinder.bindList(ingest, allowFileUrls),
                defaultInterval,
                ingest.decimal("jitter", 0.1, 0.0, 0.5),
                atLeast(ingest, "maxFeedTtl", Duration.ofHours(24), Duration.ofSeconds(1)),
                atLeast(ingest, "maxBackoff", Duration.ofHours(6), Duration.ofSeconds(1)),
                ingest.integer("feedConcurrency", 64, 1, 10_000),
                ingest.integer("itemConcurrency", 4, 1, 256),
                ingest.integer("pageAttempts", 3, 1, 100),
                atLeast(ingest, "cycleWindow", Duration.ofSeconds(5), Duration.ZERO),
                ingest.optionalString("feedsDir").map(dir -> baseDir.resolve(dir).normalize()).orElse(null),
                ingest.strings("opml", List.of()).stream().map(file -> baseDir.resolve(file).normalize()).toList(),
                atLeast(ingest.section("reload"), "debounce", Duration.ofMillis(500), Duration.ZERO),
                atLeast(ingest.section("reload"), "rescan", Duration.ofSeconds(30), Duration.ofMillis(100)),
                topicName(ingest),
                atLeast(ingest, "ledgerRetention", DEFAULT_LEDGER_RETENTION, Duration.ofSeconds(1)),
                atLeast(ingest, "shutdownTimeout", Duration.ofSeconds(30), Duration.ZERO),
                fetch,
                FeedLimits.from(root),
                // the ledger topic names the deployment: the default transactional id starts with it (an invalid
                // name was reported just above, and the service does not start)
                PublishSettings.from(ingest, ingest.string("ledgerTopic", DEFAULT_LEDGER_TOPIC)),
                GroupSettings.from(ingest, ingest.string("ledgerTopic", DEFAULT_LEDGER_TOPIC)));
    }

    private static String topicName(ConfigNode ingest) {
        String name = ingest.string("ledgerTopic", DEFAULT_LEDGER_TOPIC);
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            ingest.problem("ledgerTopic", "'" + name + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
            return DEFAULT_LEDGER_TOPIC;
        }
        return name;
    }

    private static Duration atLeast(ConfigNode node, String key, Duration defaultValue, Duration least) {
        Duration value = node.duration(key, defaultValue);
        if (value.compareTo(least) < 0) {
            node.problem(key, value + " is too short; the least is " + least);
            return defaultValue;
        }
        return value;
    }
}
