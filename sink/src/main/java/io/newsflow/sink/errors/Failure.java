package io.newsflow.sink.errors;

import java.util.Objects;

/**
 * A failure, classified by cause: the environment's (retried without limit, partitions paused, nothing
 * dead-lettered), the record's own (dead-lettered with the reason), or fatal (only where a {@code sink.errorPolicy}
 * rule asks for it).
 *
 * @param kind which of the three
 * @param cause for an environment fault, why; null otherwise
 * @param errorType the error's type ({@code strict_dynamic_mapping_exception}, {@code SerializationException})
 * @param reason the error's message, never record content
 */
public record Failure(Kind kind, FaultCause cause, String errorType, String reason) {

    /** The three classes of failure. */
    public enum Kind {
        /** The environment failed: the record is fine and will succeed once the dependency is back. */
        ENVIRONMENT,
        /** The record itself is wrong: it goes to the dead-letter topic. */
        RECORD,
        /** Stop the sink (only by a configured rule). */
        FATAL
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errorType, "errorType");
        if ((kind == Kind.ENVIRONMENT) != (cause != null)) {
            throw new IllegalArgumentException("an environment fault has a cause, no other failure has one");
        }
        reason = reason == null ? "" : reason;
    }

    public static Failure environment(FaultCause cause, String errorType, String reason) {
        return new Failure(Kind.ENVIRONMENT, cause, errorType, reason);
    }

    public static Failure record(String errorType, String reason) {
        return new Failure(Kind.RECORD, null, errorType, reason);
    }

    public static Failure fatal(String errorType, String reason) {
        return new Failure(Kind.FATAL, null, errorType, reason);
    }

    public boolean isEnvironment() {
        return kind == Kind.ENVIRONMENT;
    }
}
