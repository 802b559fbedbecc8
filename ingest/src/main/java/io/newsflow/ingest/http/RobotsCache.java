package io.newsflow.ingest.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * robots.txt rules per origin with an expiry. Concurrent fetches to a new origin wait for one robots.txt fetch
 * instead of each fetching it.
 */
final class RobotsCache {

    /** Rules and until when they hold. */
    record Entry(RobotsRules rules, long expiresAtNanos) {
    }

    private static final int PRUNE_ABOVE = 10_000;

    private final ConcurrentMap<String, CompletableFuture<Entry>> entries = new ConcurrentHashMap<>();

    RobotsRules rules(String key, Supplier<Entry> loader) throws InterruptedException {
        while (true) {
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            CompletableFuture<Entry> existing = entries.putIfAbsent(key, mine);
            if (existing == null) {
                try {
                    Entry loaded = loader.get();
                    mine.complete(loaded);
                    pruneIfLarge();
                    return loaded.rules();
                } catch (RuntimeException e) {
                    entries.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            try {
                Entry entry = existing.get();
                if (entry.expiresAtNanos() - System.nanoTime() > 0) {
                    return entry.rules();
                }
            } catch (ExecutionException loaderFailed) {
                // the other loader failed; try loading ourselves
            }
            entries.remove(key, existing);
        }
    }

    private void pruneIfLarge() {
        if (entries.size() > PRUNE_ABOVE) {
            long now = System.nanoTime();
            entries.values().removeIf(future -> future.isDone() && !future.isCompletedExceptionally()
                    && future.join().expiresAtNanos() - now <= 0);
        }
    }
}
