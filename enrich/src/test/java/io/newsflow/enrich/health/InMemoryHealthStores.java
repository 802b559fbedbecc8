package io.newsflow.enrich.health;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@link HealthStores} in maps, for unit tests of the tracker and the rule. */
final class InMemoryHealthStores implements HealthStores {
    private final Map<String, TreeMap<Long, Counts>> buckets = new HashMap<>();
    private final Map<String, SourceStatus> statuses = new HashMap<>();

    @Override
    public Counts bucket(String source, long hourStart) {
        return buckets.getOrDefault(source, new TreeMap<>()).getOrDefault(hourStart, Counts.NONE);
    }

    @Override
    public void putBucket(String source, long hourStart, Counts counts) {
        buckets.computeIfAbsent(source, s -> new TreeMap<>()).put(hourStart, counts);
    }

    @Override
    public Counts sum(String source, long fromHour, long toHour) {
        Counts sum = Counts.NONE;
        for (Counts counts : buckets.getOrDefault(source, new TreeMap<>()).subMap(fromHour, true, toHour, true).values()) {
            sum = sum.plus(counts);
        }
        return sum;
    }

    @Override
    public SourceStatus status(String source) {
        return statuses.getOrDefault(source, SourceStatus.initial());
    }

    @Override
    public void putStatus(String source, SourceStatus status) {
        statuses.put(source, status);
    }
}
