package io.newsflow.enrich.core;

import java.util.Objects;

/**
 * A stage whose output an article lacks, and why: it threw, the article's time budget was spent before or while it
 * ran, or the page was over an input bound and only part of it was read.
 *
 * @param error what happened, never including content: the exception's class and the first newsflow frame, or the
 *     budget and the time spent, or the bound and the page's size
 */
public record Degradation(Stage stage, Cause cause, String error) {
    /** Why a stage's output is missing or partial. */
    public enum Cause {
        /** The stage threw; its output is missing. */
        FAILED,
        /** The article's time budget was spent; the stage was skipped or stopped, its output is missing. */
        TIME_BUDGET,
        /** The page was over an input bound (bytes, elements) and was cut; the stage read only the first part. */
        INPUT_LIMIT
    }

    public Degradation {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(error, "error");
    }

    /** A stage that threw {@code failure}: its class, its cause's class, and where in newsflow it was thrown. */
    public static Degradation failed(Stage stage, Throwable failure) {
        StringBuilder error = new StringBuilder(failure.getClass().getName());
        if (failure.getCause() != null && failure.getCause() != failure) {
            error.append(" caused by ").append(failure.getCause().getClass().getName());
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.newsflow.")) {
                error.append(" at ").append(frame);
                break;
            }
        }
        return new Degradation(stage, Cause.FAILED, error.toString());
    }

    /** A stage skipped or stopped because the article's time budget was spent. */
    public static Degradation timeBudget(Stage stage, TimeBudget budget) {
        return new Degradation(stage, Cause.TIME_BUDGET,
                "time budget of " + budget.budget().toMillis() + " ms spent after " + budget.elapsed().toMillis() + " ms");
    }
}
