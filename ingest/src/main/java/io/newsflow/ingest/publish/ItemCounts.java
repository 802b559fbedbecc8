package io.newsflow.ingest.publish;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How many items of a feed ended each way. */
public record ItemCounts(int fresh, int changed, int unchanged, int refused, int failed) {
    public static final ItemCounts NONE = new ItemCounts(0, 0, 0, 0, 0);

    public static ItemCounts of(List<ItemResult> results) {
        Map<ItemResult, Integer> counts = new EnumMap<>(ItemResult.class);
        results.forEach(result -> counts.merge(result, 1, Integer::sum));
        return new ItemCounts(
                counts.getOrDefault(ItemResult.NEW, 0),
                counts.getOrDefault(ItemResult.CHANGED, 0),
                counts.getOrDefault(ItemResult.UNCHANGED, 0),
                counts.getOrDefault(ItemResult.REFUSED, 0),
                counts.getOrDefault(ItemResult.FAILED, 0));
    }

    public ItemCounts plus(ItemCounts other) {
        return new ItemCounts(fresh + other.fresh, changed + other.changed, unchanged + other.unchanged,
                refused + other.refused, failed + other.failed);
    }
}
