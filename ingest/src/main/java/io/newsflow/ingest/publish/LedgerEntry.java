package io.newsflow.ingest.publish;

import java.util.Objects;

/**
 * One entry of the published ledger: an article id and its content hash, or {@code item:<key>} and the item's
 * feed fingerprint. Stored under its key in the ledger store; the last value of a key wins.
 */
public record LedgerEntry(String key, String value) {
    public LedgerEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
