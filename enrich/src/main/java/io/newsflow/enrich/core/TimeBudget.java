package io.newsflow.enrich.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time one article may take, checked between stages and, cheaply (one {@code nanoTime} read), inside the
 * loops of the stages whose cost grows with the text. Not thread-safe: one per article.
 */
public final class TimeBudget {
    private static final LongSupplier SYSTEM = System::nanoTime;
    private static final Duration FOREVER = Duration.ofDays(365_000);

    private final Duration budget;
    private final LongSupplier ticker;
    private final long started;
    private final long deadline;

    private TimeBudget(Duration budget, LongSupplier ticker) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.started = ticker.getAsLong();
        long nanos = budget.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 2 : budget.toNanos();
        this.deadline = started + nanos;
    }

    /** A budget starting now, on the system's monotonic clock. */
    public static TimeBudget start(Duration budget) {
        return new TimeBudget(budget, SYSTEM);
    }

    /** A budget starting now on {@code ticker} (nanoseconds), for tests that move time themselves. */
    public static TimeBudget start(Duration budget, LongSupplier ticker) {
        return new TimeBudget(budget, ticker);
    }

    /** No limit at all: for callers of a single stage (tests, benchmarks, tools). */
    public static TimeBudget unlimited() {
        return new TimeBudget(FOREVER, SYSTEM);
    }

    public Duration budget() {
        return budget;
    }

    public Duration elapsed() {
        return Duration.ofNanos(ticker.getAsLong() - started);
    }

    public boolean exceeded() {
        return ticker.getAsLong() - deadline >= 0;
    }

    /** Throws {@link Exceeded} when the budget is spent; for the inner loops of a stage. */
    public void check() {
        if (exceeded()) {
            throw new Exceeded(this);
        }
    }

    /** The budget ran out inside a stage; the pipeline records the stage as skipped for lack of time. */
    public static final class Exceeded extends RuntimeException {
        private final transient TimeBudget budget;

        Exceeded(TimeBudget budget) {
            super("time budget of " + budget.budget().toMillis() + " ms spent", null, false, false);
            this.budget = budget;
        }

        public TimeBudget budget() {
            return budget;
        }
    }
}
