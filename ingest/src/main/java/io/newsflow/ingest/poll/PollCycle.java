package io.newsflow.ingest.poll;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.publish.ItemCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The feeds the scheduler started together, and how they ended; when the last one ends, one line sums it up:
 * {@code poll cycle: 12 feeds, 3 new, 1 changed, 40 unchanged, 1 failed (feeds.example.org: TIMEOUT) in 2.3s}.
 */
final class PollCycle {
    static final int FAILURES_NAMED = 3;

    private final int feeds;
    private final long startedNanos;
    private int done;
    private int notModified;
    private ItemCounts items = ItemCounts.NONE;
    private final List<String> failures = new ArrayList<>();

    PollCycle(int feeds, long startedNanos) {
        this.feeds = feeds;
        this.startedNanos = startedNanos;
    }

    /** Records one feed's end; returns the summary line when it was the last one, else null. */
    synchronized String finish(FeedSpec feed, PollOutcome outcome, long nowNanos) {
        done++;
        if (outcome == null) {
            failures.add(feed.host() + ": STOPPED");
        } else if (outcome.failed()) {
            failures.add(feed.host() + ": " + outcome.failureReason());
        } else {
            items = items.plus(outcome.items());
            if (outcome.notModified()) {
                notModified++;
            }
        }
        return done == feeds ? summary(Duration.ofNanos(nowNanos - startedNanos)) : null;
    }

    String summary(Duration took) {
        StringBuilder line = new StringBuilder("poll cycle: ")
                .append(feeds).append(feeds == 1 ? " feed, " : " feeds, ")
                .append(items.fresh()).append(" new, ")
                .append(items.changed()).append(" changed, ")
                .append(items.unchanged()).append(" unchanged");
        if (notModified > 0) {
            line.append(", ").append(notModified).append(" not modified");
        }
        if (items.refused() > 0) {
            line.append(", ").append(items.refused()).append(" refused");
        }
        if (items.failed() > 0) {
            line.append(", ").append(items.failed()).append(" not sent");
        }
        line.append(", ").append(failures.size()).append(" failed");
        if (!failures.isEmpty()) {
            line.append(" (").append(String.join(", ", failures.subList(0, Math.min(FAILURES_NAMED, failures.size()))));
            if (failures.size() > FAILURES_NAMED) {
                line.append(", +").append(failures.size() - FAILURES_NAMED).append(" more");
            }
            line.append(')');
        }
        return line.append(" in ").append(String.format(Locale.ROOT, "%.1fs", took.toMillis() / 1000.0)).toString();
    }
}
