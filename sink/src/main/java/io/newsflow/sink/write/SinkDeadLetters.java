package io.newsflow.sink.write;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import io.newsflow.schemas.DeadLetters;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The sink's dead letters, built with the contract's {@link DeadLetters}: stage SINK, where the record came from,
 * its original key, value and headers, and a message that never carries record content.
 */
public final class SinkDeadLetters {

    // Elasticsearch appends a preview of the offending value to parsing errors: that is record content.
    private static final Pattern VALUE_PREVIEW = Pattern.compile("(?s)\\.?\\s*Preview of field's value:.*$");

    private SinkDeadLetters() {}

    /** A record whose document Elasticsearch refused, with Elasticsearch's error type and reason. */
    public static DeadLetter rejected(PendingRecord record, String errorType, String reason, Instant failedAt) {
        return from(record, DeadLetters.failure(Stage.SINK, FailureReason.REJECTED_BY_INDEX, withoutValues(reason))
                .errorType(errorType), failedAt);
    }

    /** A record the sink could not read as a {@code CleanArticle}; the exception's classes, not its message. */
    public static DeadLetter undecodable(PendingRecord record, String description, Throwable cause, Instant failedAt) {
        return from(record, DeadLetters.failure(Stage.SINK, FailureReason.UNDECODABLE, description).cause(cause),
                failedAt);
    }

    /** A record that cannot be turned into an operation for a reason of its own (no key on a tombstone). */
    public static DeadLetter unusable(PendingRecord record, String description, Instant failedAt) {
        return from(record, DeadLetters.failure(Stage.SINK, FailureReason.UNDECODABLE, description), failedAt);
    }

    /** Elasticsearch's reason with any preview of the document's values cut off. */
    static String withoutValues(String reason) {
        return reason == null ? "" : VALUE_PREVIEW.matcher(reason).replaceAll("");
    }

    private static DeadLetter from(PendingRecord record, DeadLetters.Builder builder, Instant failedAt) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        return builder.articleId(record.articleId())
                .source(record.partition().topic(), record.partition().partition(), record.offset())
                .original(record.key(), record.value())
                .originalHeaders(headers)
                .failedAt(failedAt)
                .build();
    }
}
