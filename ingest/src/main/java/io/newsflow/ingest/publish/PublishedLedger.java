package io.newsflow.ingest.publish;

import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.schemas.Hashes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was published, kept in memory (compact: 24 bytes an entry) and persisted in a {@link LedgerStore}:
 *
 * <ul>
 *   <li>article id → content hash: an unchanged article is not published again, an edited one is;
 *   <li>{@code item:} key of a feed item → its feed-level fingerprint: an item that did not change in the feed is
 *       not even fetched again ({@link ItemValue}: with the feed listing it, its article, since when it is gone);
 *   <li>{@code feed:} identity of a feed → its memory (validators, failures in a row).
 * </ul>
 *
 * <p>Only a prefix of each hash is kept in memory (64 bits), which is plenty to tell versions apart. Bounded by
 * {@link #retain(Duration)}: entries of items gone from their feed for longer are removed with tombstones
 * ({@link ItemRetention}).
 */
public final class PublishedLedger {
    private static final Logger log = LoggerFactory.getLogger(PublishedLedger.class);
    static final String ITEM_PREFIX = "item:";
    static final String FEED_PREFIX = "feed:";
    private static final long ABSENT = 0;

    private final LedgerStore store;
    private final CompactHashMap articles = new CompactHashMap();
    private final CompactHashMap items = new CompactHashMap();
    private final AtomicLong unreadable = new AtomicLong();
    private final Map<String, String> feeds = new ConcurrentHashMap<>();
    private final ItemRetention retention = new ItemRetention();
    private volatile Duration retained = IngestSettings.LEDGER_RETENTION.defaultValue();

    private PublishedLedger(LedgerStore store) {
        this.store = store;
    }

    /** Reads the store to its end into memory. */
    public static PublishedLedger load(LedgerStore store) {
        PublishedLedger ledger = new PublishedLedger(store);
        store.readAll(ledger::rememberEntry);
        if (ledger.unreadable.get() > 0) {
            log.warn("ledger: skipped {} entries that are not id -> hash", ledger.unreadable.get());
        }
        return ledger;
    }

    /** Whether an article with this id and content hash was published. */
    public boolean isPublished(String articleId, String contentHash) {
        long[] key = key(articleId);
        return articles.get(key[0], key[1], ABSENT) == prefix(contentHash);
    }

    /** Whether any version of the article was published. */
    public boolean knows(String articleId) {
        long[] key = key(articleId);
        return articles.get(key[0], key[1], ABSENT) != ABSENT;
    }

    /** Whether the feed item was seen with this fingerprint. */
    public boolean sawItem(String itemKey, String fingerprint) {
        long[] key = key(itemKey);
        return items.get(key[0], key[1], ABSENT) == prefix(fingerprint);
    }

    /** The entry recording that this version of the article was published; stored with the article itself. */
    public static LedgerEntry articleEntry(String route, String articleId, String contentHash) {
        return new LedgerEntry(articleId, contentHash, route);
    }

    /**
     * The entry recording that the feed item was handled with this fingerprint, listed by the feed {@code feedRef}
     * ({@link #feedRef}) and published as {@code articleId} (null: none).
     */
    public static LedgerEntry itemEntry(String route, String feedRef, String itemKey, String fingerprint,
            String articleId) {
        return new LedgerEntry(ITEM_PREFIX + itemKey, new ItemValue(fingerprint, feedRef, articleId, 0).encode(),
                route);
    }

    /** A short, stable reference to a feed in the item entries: 16 hex characters of its identity's SHA-256. */
    public static String feedRef(String feedIdentity) {
        return Hashes.sha256Hex(feedIdentity).substring(0, 16);
    }

    /** Entries of items gone from their feed for longer than this are removed (at least a second). */
    public PublishedLedger retain(Duration retention) {
        if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the ledger retention must be at least 1s, was " + retention);
        }
        this.retained = retention;
        return this;
    }

    /**
     * After a document of the feed was read: marks the items it no longer lists as gone, and removes those gone for
     * longer than the retention, with tombstones sent like every other ledger entry (in the publisher's
     * transactions, on the feed's route). Taken into memory at once, as {@link #recordItem}: a write lost in a crash
     * only leaves the entry to the next sweep.
     *
     * @param listed the keys of the items the document lists
     */
    public void sweep(String route, String feedRef, Set<String> listed, Instant now) {
        List<LedgerEntry> writes = retention.sweep(route, feedRef, listed, now.getEpochSecond(), retained,
                this::legacyFingerprint);
        for (LedgerEntry entry : writes) {
            rememberEntry(entry.key(), entry.value());
            store.write(entry);
        }
        if (!writes.isEmpty()) {
            log.debug("ledger: {} entries of feed {} swept ({})", writes.size(), feedRef, route);
        }
    }

    /** An item the ledger knows by fingerprint but not by feed (written before retention): its fingerprint. */
    private String legacyFingerprint(String itemKey) {
        long[] key = key(itemKey);
        long fingerprint = items.get(key[0], key[1], ABSENT);
        return fingerprint == ABSENT ? null : String.format("%016x", fingerprint);
    }

    /** Items whose feed is known (those retention applies to). */
    public int trackedItemCount() {
        return retention.size();
    }

    /** An empty ledger that the group fills, partition by partition, as this instance is given feeds. */
    public static PublishedLedger empty(LedgerStore store) {
        return new PublishedLedger(store);
    }

    /** Takes one stored entry into memory (read from the store's share of a feed this instance now owns). */
    public void remember(String key, String hash) {
        rememberEntry(key, hash);
    }

    /** Takes entries the store now holds (written with their article) into memory. */
    public void remember(List<LedgerEntry> stored) {
        stored.forEach(entry -> rememberEntry(entry.key(), entry.value()));
    }

    /**
     * Records that a feed item was handled with this fingerprint, when no article goes with it (refused, or its
     * article unchanged). Remembered at once; if the write is lost in a crash, the item is only looked at again.
     */
    public CompletableFuture<Void> recordItem(String route, String feedRef, String itemKey, String fingerprint,
            String articleId) {
        LedgerEntry entry = itemEntry(route, feedRef, itemKey, fingerprint, articleId);
        rememberEntry(entry.key(), entry.value());
        return store.write(entry);
    }

    public int articleCount() {
        return articles.size();
    }

    public int itemCount() {
        return items.size();
    }

    /** What was last kept of a feed ({@code feed:<identity>}): its validators and failures, as text. */
    public Optional<String> feedMemory(String identity) {
        return Optional.ofNullable(feeds.get(identity));
    }

    /** Keeps a feed's memory, in memory at once and in the store on the feed's route. */
    public CompletableFuture<Void> keepFeed(String route, String identity, String memory) {
        feeds.put(identity, memory);
        return store.write(new LedgerEntry(FEED_PREFIX + identity, memory, route));
    }

    /** Takes an entry into memory; a null value (a tombstone) removes the key. */
    private void rememberEntry(String key, String hash) {
        if (hash == null) {
            forget(key);
            return;
        }
        if (key.startsWith(FEED_PREFIX)) {
            feeds.put(key.substring(FEED_PREFIX.length()), hash);
            return;
        }
        try {
            if (key.startsWith(ITEM_PREFIX)) {
                String itemKey = key.substring(ITEM_PREFIX.length());
                long[] k = key(itemKey);
                items.put(k[0], k[1], prefix(hash));
                ItemValue value = ItemValue.decode(hash);
                if (value.feedRef() != null) {
                    retention.remember(itemKey, value);
                } else {
                    retention.forget(itemKey);
                }
            } else {
                long[] k = key(key);
                articles.put(k[0], k[1], prefix(hash));
            }
        } catch (IllegalArgumentException e) {
            unreadable.incrementAndGet();
        }
    }

    private void forget(String key) {
        if (key.startsWith(FEED_PREFIX)) {
            feeds.remove(key.substring(FEED_PREFIX.length()));
        } else if (key.startsWith(ITEM_PREFIX)) {
            String itemKey = key.substring(ITEM_PREFIX.length());
            long[] k = key(itemKey);
            items.remove(k[0], k[1]);
            retention.forget(itemKey);
        } else {
            long[] k = key(key);
            articles.remove(k[0], k[1]);
        }
    }

    /** The first 128 bits of a hex id (article ids are 32 hex characters); other keys are hashed first. */
    static long[] key(String id) {
        String hex = id.length() >= 32 && isHex(id, 32) ? id : Hashes.sha256Hex(id);
        return new long[] {Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16, 32), 16)};
    }

    /** The first 64 bits of a hex hash; never 0, which means absent. */
    static long prefix(String hexHash) {
        if (hexHash == null || hexHash.length() < 16 || !isHex(hexHash, 16)) {
            throw new IllegalArgumentException("not a hex hash");
        }
        long value = Long.parseUnsignedLong(hexHash.substring(0, 16), 16);
        return value == ABSENT ? 1 : value;
    }

    private static boolean isHex(String s, int length) {
        for (int i = 0; i < length; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
