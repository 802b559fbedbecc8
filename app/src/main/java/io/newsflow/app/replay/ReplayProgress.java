package io.newsflow.app.replay;

import java.time.Duration;

/**
 * Progress of a replay: records done out of the records to do, the rate since the start, and the time left at that
 * rate. Plain arithmetic on what the caller measured (records, elapsed time), so a test drives it without a clock.
 */
public record ReplayProgress(long done, long total, Duration elapsed) {

    /** Records per second since the start; 0 before the first second's worth of work. */
    public double rate() {
        double seconds = elapsed.toMillis() / 1000.0;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Time left at the current rate; null when the rate is not known yet. */
    public Duration eta() {
        double rate = rate();
        if (rate <= 0) {
            return null;
        }
        long left = Math.max(0, total - done);
        return Duration.ofMillis((long) (left / rate * 1000));
    }

    /** {@code 1200/5000 records (24%), 310/s, ETA 12s}. */
    public String render() {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        Duration eta = eta();
        return String.format("%d/%d records (%d%%), %.0f/s, ETA %s", done, total, percent, rate(),
                eta == null ? "unknown" : eta.toSeconds() + "s");
    }
}
