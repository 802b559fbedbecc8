package io.newsflow.sink.errors;

import java.util.Objects;

/**
 * One row of the error policy: errors of an Elasticsearch type, or of an HTTP status, get an action.
 *
 * @param errorType the Elasticsearch error type to match, or null to match by status
 * @param status the HTTP status to match when {@code errorType} is null
 * @param action what to do
 */
public record ErrorRule(String errorType, Integer status, ErrorAction action) {

    public ErrorRule {
        Objects.requireNonNull(action, "action");
        if ((errorType == null) == (status == null)) {
            throw new IllegalArgumentException("an error rule matches either an error type or a status, not both");
        }
    }

    public static ErrorRule type(String errorType, ErrorAction action) {
        return new ErrorRule(errorType, null, action);
    }

    public static ErrorRule status(int status, ErrorAction action) {
        return new ErrorRule(null, status, action);
    }

    /** What the rule matches, as written in the config and the docs. */
    public String match() {
        return errorType != null ? errorType : String.valueOf(status);
    }

    boolean matchesType(IndexingError error) {
        return errorType != null && errorType.equals(error.type());
    }

    boolean matchesStatus(IndexingError error) {
        return status != null && status == error.status();
    }
}
