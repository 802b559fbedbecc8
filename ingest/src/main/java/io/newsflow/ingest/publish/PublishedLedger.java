package io.newsflow.ingest.publish;

import io.newsflow.schemas.Hashes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *       not even fetched again.
 * </ul>
 *
 * <p>Only a prefix of each hash is kept in memory (64 bits), which is plenty to tell versions apart.
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

    /** The entry recording that the feed item was handled with this fingerprint. */
    public static LedgerEntry itemEntry(String route, String itemKey, String fingerprint) {
        return new LedgerEntry(ITEM_PREFIX + itemKey, fingerprint, route);
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
    public CompletableFuture<Void> recordItem(String route, String itemKey, String fingerprint) {
        LedgerEntry entry = itemEntry(route, itemKey, fingerprint);
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

    private void rememberEntry(String key, String hash) {
        if (key.startsWith(FEED_PREFIX)) {
            feeds.put(key.substring(FEED_PREFIX.length()), hash);
            return;
        }
        try {
            if (key.startsWith(ITEM_PREFIX)) {
                long[] k = key(key.substring(ITEM_PREFIX.length()));
                items.put(k[0], k[1], prefix(hash));
            } else {
                long[] k = key(key);
                articles.put(k[0], k[1], prefix(hash));
            }
        } catch (IllegalArgumentException e) {
            unreadable.incrementAndGet();
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
