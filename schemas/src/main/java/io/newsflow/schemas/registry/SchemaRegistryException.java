package io.newsflow.schemas.registry;

/**
 * A registry call failed. The message names the registry URL, the subject (or schema id) and what the registry
 * answered: HTTP status, Confluent {@code error_code} and message.
 */
public final class SchemaRegistryException extends RuntimeException {
    /** Confluent error codes that the clients react to. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Used for {@link #httpStatus()} and {@link #errorCode()} when there was no answer. */
    public static final int NO_ANSWER = -1;

    private final String registryUrl;
    private final String subject;
    private final int httpStatus;
    private final int errorCode;

    /**
     * @param action what was attempted, e.g. "register a schema under subject 'articles.clean-value'"
     * @param subject the subject concerned, or null when the call was by schema id
     * @param detail what went wrong: the registry's message, or why there was no answer
     */
    public SchemaRegistryException(String registryUrl, String action, String subject, int httpStatus, int errorCode,
            String detail, Throwable cause) {
        super("Schema registry " + registryUrl + " could not " + action + ": " + describe(httpStatus, errorCode)
                + detail, cause);
        this.registryUrl = registryUrl;
        this.subject = subject;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    private static String describe(int httpStatus, int errorCode) {
        if (httpStatus == NO_ANSWER) {
            return "";
        }
        return "HTTP " + httpStatus + (errorCode == NO_ANSWER ? "" : ", error_code " + errorCode) + ": ";
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** The subject concerned, or null when the call was by schema id. */
    public String subject() {
        return subject;
    }

    /** The HTTP status, or {@link #NO_ANSWER} when the registry did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code}, or {@link #NO_ANSWER}. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /**
     * True when the registry could not be asked: no answer, a timeout, or an answer that says "not now" (HTTP 5xx,
     * 408, 429). Such a failure says nothing about the record being read or written.
     */
    public boolean isUnavailable() {
        return httpStatus == NO_ANSWER || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    }
}
