package io.newsflow.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which feed lists each item and since when it no longer does, so that the ledger stays bounded: an item gone from
 * its feed for longer than the retention is removed (tombstones for its {@code item:} entry and its article's). Gone
 * means absent from a document the feed served (a 200): a feed that fails, or answers 304, changes nothing, so a
 * site that is down for a month does not lose its items' entries. Plain logic, no I/O: {@link #sweep} returns the
 * entries to write, and the ledger takes them back through {@link #remember} and {@link #forget} as for any entry.
 */
final class ItemRetention {
    /** Item key (without {@code item:}) → its value, for the items whose feed is known. */
    private final Map<String, ItemValue> tracked = new HashMap<>();
    /** Feed ref → the keys of the items it lists, or listed until they went. */
    private final Map<String, Set<String>> byFeed = new HashMap<>();

    synchronized void remember(String itemKey, ItemValue value) {
        ItemValue before = tracked.put(itemKey, value);
        if (before != null && !before.feedRef().equals(value.feedRef())) {
            dropFromFeed(before.feedRef(), itemKey);
        }
        byFeed.computeIfAbsent(value.feedRef(), ref -> new HashSet<>()).add(itemKey);
    }

    synchronized void forget(String itemKey) {
        ItemValue before = tracked.remove(itemKey);
        if (before != null) {
            dropFromFeed(before.feedRef(), itemKey);
        }
    }

    synchronized int size() {
        return tracked.size();
    }

    /**
     * What a fetched document of a feed changes, as entries to write on the feed's {@code route}: an item listed
     * again after it went, or taken over from another feed that dropped it, is marked listed by this feed; an item
     * this feed no longer lists is marked gone since {@code nowSeconds}; one gone for {@code retention} or more is
     * removed (its article too, unless another item of the feed still stands for that article).
     *
     * @param listed the keys of the items the document lists
     * @param legacyFingerprint for a listed item the ledger knows without its feed (an entry written before
     *     retention): its fingerprint, to write it again with its feed; null for an item the ledger does not know
     */
    synchronized List<LedgerEntry> sweep(String route, String feedRef, Set<String> listed, long nowSeconds,
            Duration retention, Function<String, String> legacyFingerprint) {
        List<LedgerEntry> writes = new ArrayList<>();
        for (String key : listed) {
            ItemValue value = tracked.get(key);
            if (value == null) {
                String fingerprint = legacyFingerprint.apply(key);
                if (fingerprint != null) {
                    writes.add(item(route, key, new ItemValue(fingerprint, feedRef, null, 0)));
                }
            } else if (value.gone()) {
                // listed again by its feed, or by another feed after its own dropped it: this one keeps it
                writes.add(item(route, key, value.listedBy(feedRef)));
            }
        }
        Set<String> ours = byFeed.getOrDefault(feedRef, Set.of());
        Set<String> expiring = new HashSet<>();
        for (String key : ours) {
            ItemValue value = tracked.get(key);
            if (listed.contains(key)) {
                continue;
            }
            if (!value.gone()) {
                writes.add(item(route, key, value.goneSince(nowSeconds)));
            } else if (nowSeconds - value.goneSince() >= retention.toSeconds()) {
                expiring.add(key);
            }
        }
        Set<String> articlesStillListed = new HashSet<>();
        for (String key : ours) {
            ItemValue value = tracked.get(key);
            if (!expiring.contains(key) && value.articleId() != null) {
                articlesStillListed.add(value.articleId());
            }
        }
        for (String key : expiring) {
            writes.add(LedgerEntry.tombstone(PublishedLedger.ITEM_PREFIX + key, route));
            String article = tracked.get(key).articleId();
            if (article != null && articlesStillListed.add(article)) {
                writes.add(LedgerEntry.tombstone(article, route));
            }
        }
        return writes;
    }

    private static LedgerEntry item(String route, String key, ItemValue value) {
        return new LedgerEntry(PublishedLedger.ITEM_PREFIX + key, value.encode(), route);
    }

    private void dropFromFeed(String feedRef, String itemKey) {
        Set<String> keys = byFeed.get(feedRef);
        if (keys != null && keys.remove(itemKey) && keys.isEmpty()) {
            byFeed.remove(feedRef);
        }
    }
}
