package io.newsflow.app.up;

import java.time.Duration;
import java.util.Locale;

/**
 * The one line {@code newsflow up} keeps refreshed: feeds polled, articles raw / clean / indexed / dead-lettered and
 * the last problem. On a terminal it is redrawn in place; elsewhere (a pipe, a CI log) a plain line is written when
 * something changed.
 */
public final class StatusLine {

    /** Width of a line that is not redrawn on a terminal (a log, a pipe). */
    public static final int MAX_WIDTH = 160;

    private StatusLine() {}

    /** {@code [0:42] feeds 4 (polls 6, 2 failed) | raw 3 | clean 3 | indexed 3 | dead letters 0 | last error: ...}. */
    public static String render(Duration elapsed, PipelineProgress progress, String lastProblem) {
        return render(elapsed, progress, lastProblem, MAX_WIDTH);
    }

    /** The line, cut to {@code width} characters (a terminal's width: a wrapped line cannot be redrawn). */
    public static String render(Duration elapsed, PipelineProgress progress, String lastProblem, int width) {
        StringBuilder line = new StringBuilder(MAX_WIDTH);
        line.append('[').append(clock(elapsed)).append("] feeds ").append(progress.feeds())
                .append(" (polls ").append(progress.polls());
        if (progress.failedPolls() > 0) {
            line.append(", ").append(progress.failedPolls()).append(" failed");
        }
        line.append(") | raw ").append(progress.raw())
                .append(" | clean ").append(progress.clean())
                .append(" | indexed ").append(progress.indexed())
                .append(" | dead letters ").append(progress.deadLettered());
        if (lastProblem != null && !lastProblem.isBlank()) {
            line.append(" | last error: ").append(lastProblem.strip().replaceAll("\\s+", " "));
        }
        return fit(line.toString(), Math.max(40, width));
    }

    /** {@code 0:42}, {@code 12:05}, {@code 1:02:03}. */
    static String clock(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        long hours = seconds / 3600;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Cut to {@code width} characters with an ellipsis, so a terminal line never wraps (which breaks redrawing). */
    static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /** The terminal's width in columns ({@code stty size}), or empty when it cannot be told. */
    public static java.util.OptionalInt terminalColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            if (stty.waitFor() == 0 && answer.strip().matches("\\d+ \\d+")) {
                return java.util.OptionalInt.of(Integer.parseInt(answer.strip().split(" ")[1]));
            }
        } catch (java.io.IOException e) {
            // no stty, or no terminal: the caller's default width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return java.util.OptionalInt.empty();
    }

    /** What redraws the line in place on a terminal: back to column 0, the line, clear to its end. */
    public static String redraw(String line) {
        return "\r" + line + "\u001b[K";
    }
}
