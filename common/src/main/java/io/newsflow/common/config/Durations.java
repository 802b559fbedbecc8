package io.newsflow.common.config;

import java.time.Duration;

/** Durations written the way the config file takes them ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}). */
public final class Durations {
    private Durations() {}

    /** The largest unit that writes {@code duration} exactly: 90s stays {@code 90s}, 3600s is {@code 1h}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
