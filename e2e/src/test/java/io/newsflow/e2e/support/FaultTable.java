package io.newsflow.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "faults survived" table: one row per fault a run put the pipeline through, written as Markdown (the table of
 * BENCHMARKS.md). Goal for every row: everything published indexed, nothing wrongly dead-lettered, nothing
 * duplicated.
 */
public final class FaultTable {

    /**
     * One fault: how long it lasted (empty for a fault without a length, such as planted poison), the articles
     * published while it ran, how many of them ended up indexed, the dead letters it produced, the articles written
     * to the clean topic more than once, and how long after it ended the last of them was indexed (empty if they
     * never all were).
     */
    public record Row(String fault, Optional<Duration> length, int published, int indexed, long deadLettered,
            int plantedDeadLetters, int duplicated, Optional<Duration> recovered) {}

    private final List<Row> rows = new ArrayList<>();
    private final Instant started = Instant.now();

    public synchronized void add(Row row) {
        rows.add(row);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| fault | length | published | indexed | dead-lettered (planted) | duplicated | recovered after |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.fault())
                    .append(" | ").append(row.length().map(FaultTable::format).orElse("-"))
                    .append(" | ").append(row.published())
                    .append(" | ").append(row.indexed())
                    .append(" | ").append(row.deadLettered()).append(" (").append(row.plantedDeadLetters()).append(")")
                    .append(" | ").append(row.duplicated())
                    .append(" | ").append(row.recovered().map(FaultTable::format).orElse("not recovered"))
                    .append(" |\n");
        }
        out.append("\nRun started ").append(started).append(", took ")
                .append(format(Duration.between(started, Instant.now()))).append(".\n");
        return out.toString();
    }

    /** Writes the table to {@code file} and returns it. */
    public String writeTo(Path file) {
        String table = markdown();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return table;
    }

    /** {@code 45 s}, {@code 6 min}, {@code 1 min 30 s}. */
    static String format(Duration duration) {
        long seconds = Math.round(duration.toMillis() / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        long rest = seconds % 60;
        return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
    }
}
