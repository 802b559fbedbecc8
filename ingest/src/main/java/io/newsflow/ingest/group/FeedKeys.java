package io.newsflow.ingest.group;

import io.newsflow.ingest.config.FeedSpec;
import java.util.Locale;

/**
 * The routing key of a feed: its host, lowercased, without a leading {@code www.}. The group puts every feed of one
 * key on one partition of the ledger topic ({@link FeedGroup#partitionOf}), so on one owner, and the per-host
 * politeness of that owner's fetcher holds for the whole group.
 */
public final class FeedKeys {
    private FeedKeys() {}

    /** The routing key of a feed: its host, lowercased, without {@code www.}. */
    public static String hostKey(FeedSpec feed) {
        String host = feed.host().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
