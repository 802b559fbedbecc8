package io.newsflow.enrich.health;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** {@link HealthStores} over the app's two state stores. */
final class StreamsHealthStores implements HealthStores {
    private final WindowStore<String, Counts> buckets;
    private final KeyValueStore<String, SourceStatus> statuses;

    StreamsHealthStores(WindowStore<String, Counts> buckets, KeyValueStore<String, SourceStatus> statuses) {
        this.buckets = buckets;
        this.statuses = statuses;
    }

    @Override
    public Counts bucket(String source, long hourStart) {
        Counts counts = buckets.fetch(source, hourStart);
        return counts == null ? Counts.NONE : counts;
    }

    @Override
    public void putBucket(String source, long hourStart, Counts counts) {
        buckets.put(source, counts, hourStart);
    }

    @Override
    public Counts sum(String source, long fromHour, long toHour) {
        Counts sum = Counts.NONE;
        try (WindowStoreIterator<Counts> hours = buckets.fetch(source, fromHour, toHour)) {
            while (hours.hasNext()) {
                sum = sum.plus(hours.next().value);
            }
        }
        return sum;
    }

    @Override
    public SourceStatus status(String source) {
        SourceStatus status = statuses.get(source);
        return status == null ? SourceStatus.initial() : status;
    }

    @Override
    public void putStatus(String source, SourceStatus status) {
        statuses.put(source, status);
    }
}
