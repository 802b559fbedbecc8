package io.newsflow.sink.write;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the sink's dead letters: stage SINK, where the record came from, its original bytes, never its content. */
public final class DeadLetters {

    private DeadLetters() {}

    /** A record whose document Elasticsearch refused (or kept refusing past the retry budget). */
    public static DeadLetter rejected(PendingRecord record, String errorType, String reason, Instant failedAt) {
        return build(record, FailureReason.REJECTED_BY_INDEX, errorType, reason, failedAt);
    }

    /** A record the sink could not read (not a CleanArticle in the wire format, or no key on a tombstone). */
    public static DeadLetter undecodable(PendingRecord record, String errorClass, String message, Instant failedAt) {
        return build(record, FailureReason.UNDECODABLE, errorClass, message, failedAt);
    }

    private static DeadLetter build(PendingRecord record, FailureReason reason, String errorClass, String message,
            Instant failedAt) {
        Map<String, ByteBuffer> headers = new LinkedHashMap<>();
        record.headers().forEach((name, value) -> headers.put(name, ByteBuffer.wrap(value)));
        return DeadLetter.newBuilder()
                .setStage(Stage.SINK)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setMessage(message == null ? "" : message)
                .setArticleId(record.articleId())
                .setSourceTopic(record.partition().topic())
                .setSourcePartition(record.partition().partition())
                .setSourceOffset(record.offset())
                .setFailedAt(failedAt)
                .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setOriginalHeaders(headers)
                .build();
    }
}
