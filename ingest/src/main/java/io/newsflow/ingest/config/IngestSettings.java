package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * @param allowFileUrls {@code allowFileUrls}: accept file: feed URLs (local demos only)
 * @param reloadDebounce {@code reload.debounce}: quiet time after a file change before reloading
 * @param rescanInterval {@code reload.rescan}: files are re-read this often even if no change was signalled
 * @param ledgerTopic {@code ledgerTopic}: compacted topic remembering what was published
 * @param shutdownTimeout {@code shutdownTimeout}: how long a stop waits for in-flight polls and sends
 * @param fetch {@code fetch.*}: what the fetcher is given
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
        boolean allowFileUrls,
        Duration reloadDebounce,
        Duration rescanInterval,
        String ledgerTopic,
        Duration shutdownTimeout,
        Fetch fetch) {

    public static final String DEFAULT_LEDGER_TOPIC = "newsflow.ingest.published";

    public IngestSettings {
        feeds = List.copyOf(feeds);
        opmlFiles = List.copyOf(opmlFiles);
    }

    /**
     * What the fetcher is given (named as the fetcher's own settings).
     *
     * @param contactUrl {@code fetch.contactUrl}: where site owners learn about the crawler; in the User-Agent
     * @param maxConnectionsPerHost {@code fetch.maxConnectionsPerHost}: requests to one host at the same time
     * @param minDelayPerHost {@code fetch.minDelayPerHost}: least time between two requests to one host
     * @param maxWireBytes {@code fetch.maxWireBytes}: largest response body on the wire
     * @param maxBodyBytes {@code fetch.maxBodyBytes}: largest response body after decompression
     * @param connectTimeout {@code fetch.connectTimeout}
     * @param idleTimeout {@code fetch.idleTimeout}: longest silence while reading a response
     * @param totalTimeout {@code fetch.totalTimeout}: longest time for one whole fetch, redirects included
     * @param maxRedirects {@code fetch.maxRedirects}
     * @param maxItemsPerFeed {@code fetch.maxItemsPerFeed}: items read from one feed document
     */
    public record Fetch(
            String contactUrl,
            int maxConnectionsPerHost,
            Duration minDelayPerHost,
            long maxWireBytes,
            long maxBodyBytes,
            Duration connectTimeout,
            Duration idleTimeout,
            Duration totalTimeout,
            int maxRedirects,
            int maxItemsPerFeed) {}

    /**
     * Binds {@code root.ingest}; problems go to the node's source.
     *
     * @param baseDir the folder relative paths ({@code feedsDir}, {@code opml}) are resolved against: the config
     *     file's folder
     */
    public static IngestSettings from(ConfigNode root, Path baseDir) {
        ConfigNode ingest = root.section("ingest");
        boolean allowFileUrls = ingest.bool("allowFileUrls", false);
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
                allowFileUrls,
                atLeast(ingest.section("reload"), "debounce", Duration.ofMillis(500), Duration.ZERO),
                atLeast(ingest.section("reload"), "rescan", Duration.ofSeconds(30), Duration.ofMillis(100)),
                topicName(ingest),
                atLeast(ingest, "shutdownTimeout", Duration.ofSeconds(30), Duration.ZERO),
                fetch(ingest.section("fetch")));
    }

    private static Fetch fetch(ConfigNode fetch) {
        String contact = fetch.string("contactUrl", "https://github.com/newsflow/newsflow");
        if (!contact.matches("(https?://|mailto:)\\S+")) {
            fetch.problem("contactUrl", "'" + contact + "' is not an http(s) or mailto: URL");
        }
        return new Fetch(
                contact,
                fetch.integer("maxConnectionsPerHost", 2, 1, 64),
                atLeast(fetch, "minDelayPerHost", Duration.ofMillis(500), Duration.ZERO),
                bytes(fetch, "maxWireBytes", 8L << 20),
                bytes(fetch, "maxBodyBytes", 16L << 20),
                atLeast(fetch, "connectTimeout", Duration.ofSeconds(10), Duration.ofMillis(1)),
                atLeast(fetch, "idleTimeout", Duration.ofSeconds(15), Duration.ofMillis(1)),
                atLeast(fetch, "totalTimeout", Duration.ofSeconds(60), Duration.ofMillis(1)),
                fetch.integer("maxRedirects", 5, 0, 20),
                fetch.integer("maxItemsPerFeed", 200, 1, 100_000));
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

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

    /** A size written {@code 512kb}, {@code 10MB} (binary multiples) or as a number of bytes. */
    static long bytes(ConfigNode node, String key, long defaultValue) {
        Optional<String> raw = node.optionalString(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Matcher matcher = SIZE.matcher(raw.get().replace("_", "").toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            node.problem(key, "'" + raw.get() + "' is not a size; write it like 512KB or 10MB");
            return defaultValue;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        long multiplier = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        if (amount <= 0 || amount > (1L << 40) / multiplier) {
            node.problem(key, "'" + raw.get() + "' is out of range; allowed 1 byte to 1TB");
            return defaultValue;
        }
        return amount * multiplier;
    }
}
