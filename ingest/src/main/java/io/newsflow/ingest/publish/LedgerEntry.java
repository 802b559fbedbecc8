package io.newsflow.ingest.publish;

import java.util.Objects;

/**
 * One entry of the published ledger: an article id and its content hash, or {@code item:<key>} and the item's
 * feed fingerprint. Stored under its key in the ledger store; the last value of a key wins.
 *
 * @param route the routing key of the feed the entry came from (its host, {@code FeedKeys.hostKey}): the entry is
 *     stored on that feed's partition, so the feed's next owner restores it; null lets the store choose
 */
public record LedgerEntry(String key, String value, String route) {
    public LedgerEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public LedgerEntry(String key, String value) {
        this(key, value, null);
    }
}
