package io.newsflow.enrich.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Input bounds of one article, so that one page cannot exhaust the heap or hold a stream thread: pages over
 * {@code maxPageBytes} are cut to their first {@code maxPageBytes} bytes, documents over {@code maxElements} HTML
 * elements lose the elements after the first {@code maxElements} (in document order), and when {@code timeBudget} is
 * spent the optional stages still to run are skipped. Each cut or skip is recorded in the article's
 * {@code degraded} list. Nesting depth is bounded in the extractor itself (deeper than 400 levels a subtree is
 * read as flat text).
 */
public record CleaningLimits(long maxPageBytes, int maxElements, Duration timeBudget) {
    /** 8 MiB: far above any article page's HTML (the largest fixture page has 0.85 MB), below ingest's 20 MB records. */
    public static final long DEFAULT_MAX_PAGE_BYTES = 8L << 20;
    /** Elements of a parsed page; the largest fixture page has about 3,000. */
    public static final int DEFAULT_MAX_ELEMENTS = 200_000;
    /**
     * Cleaning takes about 10 ms per article here: 1,000 times that is a page gone wrong, not a GC pause or a busy
     * machine (Kafka's own poll interval, 5 minutes, is the outer bound).
     */
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(10);

    public CleaningLimits {
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (maxPageBytes < 1 || maxElements < 1 || timeBudget.isNegative()) {
            throw new IllegalArgumentException("limits must be positive: " + maxPageBytes + " bytes, " + maxElements
                    + " elements, " + timeBudget);
        }
    }

    public static CleaningLimits defaults() {
        return new CleaningLimits(DEFAULT_MAX_PAGE_BYTES, DEFAULT_MAX_ELEMENTS, DEFAULT_TIME_BUDGET);
    }
}
