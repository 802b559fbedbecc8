package io.newsflow.ingest.poll;

import io.newsflow.ingest.fetch.Validators;
import java.util.Optional;

/**
 * What a feed's next owner needs from its last poll: the HTTP validators (for a conditional GET) and the failures
 * in a row (for the backoff). Kept in the ledger under {@code feed:<identity>} as text:
 * {@code v1 <tab> failures <tab> etag <tab> lastModified} (an absent validator is empty).
 */
public record FeedMemory(Validators validators, int failuresInARow) {
    private static final String VERSION = "v1";

    public FeedMemory {
        validators = validators == null ? Validators.NONE : validators;
        failuresInARow = Math.max(0, failuresInARow);
    }

    public String encode() {
        return VERSION + "\t" + failuresInARow + "\t" + clean(validators.etag()) + "\t"
                + clean(validators.lastModified());
    }

    /** The memory encoded by {@link #encode()}, or empty for text that is not one. */
    public static Optional<FeedMemory> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\t", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FeedMemory(new Validators(blankToNull(parts[2]), blankToNull(parts[3])),
                    Integer.parseInt(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** Where memories are kept between owners; the ledger in production. */
    public interface Store {
        Store NONE = new Store() {
            @Override
            public Optional<FeedMemory> recall(String identity) {
                return Optional.empty();
            }

            @Override
            public void keep(io.newsflow.ingest.config.FeedSpec feed, FeedMemory memory) {}
        };

        Optional<FeedMemory> recall(String identity);

        /** Called after a poll whose memory differs from the one before. */
        void keep(io.newsflow.ingest.config.FeedSpec feed, FeedMemory memory);
    }
}
