package io.newsflow.enrich.health;

/**
 * Where {@link SourceHealthTracker} keeps its state: per source, one {@link Counts} bucket per hour (a window store
 * in the Streams app, with a changelog) and the {@link SourceStatus} (a key-value store, with a changelog).
 */
public interface HealthStores {
    /** The bucket of the hour starting at {@code hourStart}, {@link Counts#NONE} when there is none. */
    Counts bucket(String source, long hourStart);

    void putBucket(String source, long hourStart, Counts counts);

    /** The sum of the buckets whose hour starts in [{@code fromHour}, {@code toHour}], both inclusive. */
    Counts sum(String source, long fromHour, long toHour);

    /** The source's status, {@link SourceStatus#initial()} for a source never seen. */
    SourceStatus status(String source);

    void putStatus(String source, SourceStatus status);
}
