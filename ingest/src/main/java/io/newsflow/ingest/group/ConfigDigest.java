package io.newsflow.ingest.group;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.schemas.Hashes;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an instance tells the others of its feed configuration: a hash of the sorted feed identities and the
 * identities themselves, so that a difference can be named. Encoded as text: the hash on the first line, one
 * identity a line after it.
 */
public record ConfigDigest(String hash, SortedSet<String> feeds) {

    public ConfigDigest {
        feeds = new TreeSet<>(feeds);
    }

    public static ConfigDigest of(List<FeedSpec> configured) {
        TreeSet<String> identities = new TreeSet<>();
        configured.forEach(feed -> identities.add(feed.identity()));
        return new ConfigDigest(Hashes.sha256Hex(String.join("\n", identities)).substring(0, 16), identities);
    }

    public String encode() {
        return hash + "\n" + String.join("\n", feeds);
    }

    /** Reads {@link #encode()}'s text; throws IllegalArgumentException naming what is wrong. */
    public static ConfigDigest decode(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty feed-configuration digest");
        }
        String[] lines = text.split("\n");
        TreeSet<String> identities = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                identities.add(lines[i]);
            }
        }
        return new ConfigDigest(lines[0], identities);
    }

    /** The feeds here and not there, and there and not here. */
    public record Difference(Set<String> onlyHere, Set<String> onlyThere) {
        public boolean isEmpty() {
            return onlyHere.isEmpty() && onlyThere.isEmpty();
        }

        /** A line for the log, naming at most {@code limit} feeds of each side. */
        public String describe(String here, String there, int limit) {
            return "feeds only on " + here + " (" + onlyHere.size() + "): " + sample(onlyHere, limit)
                    + "; feeds only on " + there + " (" + onlyThere.size() + "): " + sample(onlyThere, limit);
        }

        private static String sample(Set<String> feeds, int limit) {
            List<String> first = feeds.stream().limit(limit).toList();
            return first + (feeds.size() > limit ? " and " + (feeds.size() - limit) + " more" : "");
        }
    }

    public Difference against(ConfigDigest theirs) {
        TreeSet<String> onlyHere = new TreeSet<>(feeds);
        onlyHere.removeAll(theirs.feeds);
        TreeSet<String> onlyThere = new TreeSet<>(theirs.feeds);
        onlyThere.removeAll(feeds);
        return new Difference(onlyHere, onlyThere);
    }
}
