package io.newsflow.ingest.publish;

/**
 * The value of an {@code item:} ledger entry: the item's feed fingerprint first (all an entry written before
 * retention holds, and all an older ingest reads: it takes the first 16 hex characters), then, space-separated,
 * {@code feed=<ref>} (the feed that last listed it, {@link PublishedLedger#feedRef}), {@code article=<id>} (the
 * article it was published as, when known) and {@code gone=<epoch seconds>} (since when the feed no longer lists
 * it; absent while it does). Unknown fields are ignored, so a later version may add some.
 *
 * @param feedRef null for an entry written before retention (its feed is not known)
 * @param articleId null when the item gave no article (refused) or the entry predates retention
 * @param goneSince epoch seconds since the feed stopped listing the item, 0 while it lists it
 */
record ItemValue(String fingerprint, String feedRef, String articleId, long goneSince) {

    static ItemValue decode(String value) {
        String[] fields = value.split(" ");
        String feedRef = null;
        String articleId = null;
        long goneSince = 0;
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i];
            if (field.startsWith("feed=")) {
                feedRef = field.substring(5);
            } else if (field.startsWith("article=")) {
                articleId = field.substring(8);
            } else if (field.startsWith("gone=")) {
                goneSince = parseSeconds(field.substring(5));
            }
        }
        return new ItemValue(fields[0], feedRef, articleId, goneSince);
    }

    String encode() {
        StringBuilder value = new StringBuilder(fingerprint);
        if (feedRef != null) {
            value.append(" feed=").append(feedRef);
        }
        if (articleId != null) {
            value.append(" article=").append(articleId);
        }
        if (goneSince > 0) {
            value.append(" gone=").append(goneSince);
        }
        return value.toString();
    }

    boolean gone() {
        return goneSince > 0;
    }

    ItemValue goneSince(long epochSeconds) {
        return new ItemValue(fingerprint, feedRef, articleId, epochSeconds);
    }

    ItemValue listedBy(String feed) {
        return new ItemValue(fingerprint, feed, articleId, 0);
    }

    private static long parseSeconds(String text) {
        try {
            return Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
