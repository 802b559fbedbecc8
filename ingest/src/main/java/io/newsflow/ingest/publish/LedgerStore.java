package io.newsflow.ingest.publish;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Where the ledger is kept between runs: a compacted Kafka topic in production (string keys and values). */
public interface LedgerStore extends AutoCloseable {

    /**
     * Reads every entry written so far, oldest first; later entries for a key replace earlier ones, and a null value
     * (a tombstone) removes the key.
     */
    void readAll(BiConsumer<String, String> entry);

    /** Appends an entry (a null value: a tombstone); completes when it is durably stored. */
    CompletableFuture<Void> write(String key, String value);

    /** Appends an entry on its route's share of the store, where the store has shares; else as above. */
    default CompletableFuture<Void> write(LedgerEntry entry) {
        return write(entry.key(), entry.value());
    }

    @Override
    void close();
}
