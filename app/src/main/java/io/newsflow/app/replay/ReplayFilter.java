package io.newsflow.app.replay;

import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.streams.ArticleMapping;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Which raw articles a replay re-enriches: fetched in {@code [since, until)}, from one of the feeds (feed URL or
 * name), of one of the sites (host without www.), with one of the ids. An empty criterion matches everything; a
 * tombstone (a retraction) always passes, so a replay never brings back a retracted article.
 */
public record ReplayFilter(Optional<Instant> since, Optional<Instant> until, Set<String> feeds, Set<String> sites,
        Set<String> ids) {

    /** What {@link #parseTime} accepts, for error messages. */
    public static final String TIME_FORMAT = "an ISO-8601 instant such as 2025-03-01T10:00:00Z, an offset time such as"
            + " 2025-03-01T12:00:00+02:00, or a date such as 2025-03-01 (midnight UTC)";

    public ReplayFilter {
        feeds = Set.copyOf(feeds);
        sites = Set.copyOf(sites);
        ids = Set.copyOf(ids);
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("--since (" + since.get() + ") must be before --until (" + until.get()
                    + ")");
        }
    }

    public static ReplayFilter all() {
        return new ReplayFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of(), Set.of());
    }

    /** Whether the replay covers every raw article (then it may build a new index generation). */
    public boolean isEverything() {
        return since.isEmpty() && until.isEmpty() && feeds.isEmpty() && sites.isEmpty() && ids.isEmpty();
    }

    /**
     * Parses a time option.
     *
     * @throws IllegalArgumentException naming the option, the value and the formats it takes
     */
    public static Instant parseTime(String option, String value) {
        String text = value == null ? "" : value.trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException(option + ": '" + value + "' is not a time; expected "
                            + TIME_FORMAT);
                }
            }
        }
    }

    /** Whether the replay re-enriches this record (a null value, a tombstone, always passes). */
    public boolean test(String key, RawArticle raw) {
        if (raw == null) {
            return true;
        }
        Instant fetched = raw.getFetchedAt();
        if (since.isPresent() && fetched.isBefore(since.get())) {
            return false;
        }
        if (until.isPresent() && !fetched.isBefore(until.get())) {
            return false;
        }
        if (!feeds.isEmpty() && !feeds.contains(raw.getFeedUrl())
                && (raw.getFeedName() == null || !feeds.contains(raw.getFeedName()))) {
            return false;
        }
        if (!sites.isEmpty() && !sites.contains(ArticleMapping.site(raw.getCanonicalUrl()))) {
            return false;
        }
        return ids.isEmpty() || ids.contains(key != null ? key : raw.getId());
    }
}
