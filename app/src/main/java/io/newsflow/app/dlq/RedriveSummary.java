package io.newsflow.app.dlq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a redrive did (or, with {@code --dry-run}, would do), counted per reason and per cause of skipping. */
public final class RedriveSummary {
    private final boolean dryRun;
    private final Map<String, Long> redriven = new TreeMap<>();
    private final Map<String, Long> already = new TreeMap<>();
    private final Map<String, Long> notRedrivable = new TreeMap<>();
    private long notSelected;

    public RedriveSummary(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Counts a decision; for a {@link RedriveDecision.Redrive}, call it once the record is committed. */
    public void count(RedriveDecision decision) {
        switch (decision) {
            case RedriveDecision.Redrive r -> redriven.merge(r.reason() + " -> " + r.topic(), 1L, Long::sum);
            case RedriveDecision.AlreadyRedriven a -> already.merge(a.reason(), 1L, Long::sum);
            case RedriveDecision.NotRedrivable n -> notRedrivable.merge(n.reason() + ": " + n.why(), 1L, Long::sum);
            case RedriveDecision.NotSelected s -> notSelected++;
        }
    }

    public long redriven() {
        return sum(redriven);
    }

    public long alreadyRedriven() {
        return sum(already);
    }

    public long notRedrivable() {
        return sum(notRedrivable);
    }

    public long notSelected() {
        return notSelected;
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add((dryRun ? "would redrive " : "redriven ") + redriven() + (dryRun ? " (dry run: nothing written)" : ""));
        redriven.forEach((what, n) -> lines.add(String.format("  %-40s %7d", what, n)));
        lines.add("skipped, already redriven " + alreadyRedriven());
        already.forEach((reason, n) -> lines.add(String.format("  %-40s %7d", reason, n)));
        lines.add("skipped, not redrivable " + notRedrivable());
        notRedrivable.forEach((why, n) -> lines.add(String.format("  %s  %d", why, n)));
        lines.add("not selected by the filter " + notSelected);
        return lines;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
