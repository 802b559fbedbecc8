package io.newsflow.app.dlq;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code newsflow dlq list}: dead letters counted by source topic, reason and day (UTC), inside a time window. */
public final class DeadLetterCounts {

    /** One row of the table. */
    public record Row(String sourceTopic, String reason, LocalDate day) {}

    private static final Comparator<Row> ORDER = Comparator.comparing(Row::sourceTopic).thenComparing(Row::reason)
            .thenComparing(Row::day);

    private final TimeWindow window;
    private final Map<Row, Long> counts = new TreeMap<>(ORDER);
    private long total;

    public DeadLetterCounts(TimeWindow window) {
        this.window = window;
    }

    /** Counts one dead letter if it failed inside the window. */
    public void add(DeadLetterFacts facts) {
        if (!window.contains(facts.failedAt())) {
            return;
        }
        counts.merge(new Row(facts.sourceTopicOrUnknown(), facts.reason(),
                LocalDate.ofInstant(facts.failedAt(), ZoneOffset.UTC)), 1L, Long::sum);
        total++;
    }

    public Map<Row, Long> counts() {
        return Map.copyOf(counts);
    }

    public long total() {
        return total;
    }

    /** The table, one line per row, with a header and a total line; "no dead letters" when there are none. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        if (counts.isEmpty()) {
            lines.add("no dead letters");
            return lines;
        }
        int topicWidth = Math.max("source topic".length(), counts.keySet().stream()
                .mapToInt(row -> row.sourceTopic().length()).max().orElse(0));
        int reasonWidth = Math.max("reason".length(), counts.keySet().stream()
                .mapToInt(row -> row.reason().length()).max().orElse(0));
        String format = "%-" + topicWidth + "s  %-" + reasonWidth + "s  %-10s  %7s";
        lines.add(String.format(format, "source topic", "reason", "day (UTC)", "count"));
        counts.forEach((row, count) -> lines.add(String.format(format, row.sourceTopic(), row.reason(), row.day(),
                count)));
        lines.add(String.format(format, "total", "", "", total));
        return lines;
    }
}
