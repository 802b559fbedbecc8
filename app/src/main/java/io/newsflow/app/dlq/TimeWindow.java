package io.newsflow.app.dlq;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code --since} / {@code --until} of the dlq commands: a dead letter is inside when it failed at or after
 * {@code since} and before {@code until}. Times are ISO-8601 instants or dates; a date means midnight UTC at its
 * start, so {@code --since 2026-12-01 --until 2026-12-02} is that one day.
 */
public record TimeWindow(Optional<Instant> since, Optional<Instant> until) {
    public static final String EXPECTED_FORMAT = "an ISO-8601 instant such as 2026-12-01T10:15:30Z (an offset such as"
            + " +07:00 instead of Z is fine) or a date such as 2026-12-01 (midnight UTC)";

    public static final TimeWindow ALL = new TimeWindow(Optional.empty(), Optional.empty());

    public TimeWindow {
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("--since (" + since.get() + ") must be before --until (" + until.get()
                    + ")");
        }
    }

    public static TimeWindow of(Instant since, Instant until) {
        return new TimeWindow(Optional.ofNullable(since), Optional.ofNullable(until));
    }

    /**
     * Parses one time argument.
     *
     * @throws IllegalArgumentException naming the text and {@link #EXPECTED_FORMAT}
     */
    public static Instant parseTime(String text) {
        String value = text == null ? "" : text.strip();
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: expected " + EXPECTED_FORMAT);
        }
    }

    public boolean contains(Instant time) {
        return since.map(s -> !time.isBefore(s)).orElse(true) && until.map(time::isBefore).orElse(true);
    }
}
