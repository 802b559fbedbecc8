package io.newsflow.ingest.testing;

import io.newsflow.ingest.publish.LedgerStore;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** A ledger store in a list, surviving "restarts" as long as the test keeps it. */
public final class MemoryLedgerStore implements LedgerStore {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    @Override
    public synchronized void readAll(BiConsumer<String, String> entry) {
        entries.forEach(e -> entry.accept(e.getKey(), e.getValue()));
    }

    @Override
    public synchronized CompletableFuture<Void> write(String key, String value) {
        entries.add(new AbstractMap.SimpleImmutableEntry<>(key, value)); // a null value is a tombstone
        return CompletableFuture.completedFuture(null);
    }

    public synchronized List<Map.Entry<String, String>> entries() {
        return new ArrayList<>(entries);
    }

    @Override
    public void close() {}
}
