package io.newsflow.ingest.publish;

import java.util.Objects;

/**
 * One entry of the published ledger: an article id and its content hash, {@code item:<key>} and the item's feed
 * fingerprint ({@link ItemValue}), or {@code feed:<identity>} and the feed's memory. Stored under its key in the
 * ledger store; the last value of a key wins, and a null value (a tombstone) removes the key.
 *
 * @param value the value, or null for a tombstone
 * @param route the routing key of the feed the entry came from (its host, {@code FeedKeys.hostKey}): the entry is
 *     stored on that feed's partition, so the feed's next owner restores it; null lets the store choose
 */
public record LedgerEntry(String key, String value, String route) {
    public LedgerEntry {
        Objects.requireNonNull(key, "key");
    }

    public LedgerEntry(String key, String value) {
        this(key, value, null);
    }

    /** Removes the key from the ledger: compaction drops its earlier values, then the tombstone itself. */
    public static LedgerEntry tombstone(String key, String route) {
        return new LedgerEntry(key, null, route);
    }

    public boolean isTombstone() {
        return value == null;
    }
}
