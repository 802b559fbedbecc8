package io.newsflow.schemas;

import io.newsflow.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Header names every record on the dead-letter topic carries, so tools can route or count dead letters without
 * decoding the Avro value. Values are UTF-8 strings; absent fields have no header.
 */
public final class DeadLetterHeaders {
    public static final String STAGE = "newsflow.dlq.stage";
    public static final String REASON = "newsflow.dlq.reason";
    public static final String ERROR_CLASS = "newsflow.dlq.error.class";
    public static final String MESSAGE = "newsflow.dlq.message";
    public static final String SOURCE_TOPIC = "newsflow.dlq.source.topic";
    public static final String SOURCE_PARTITION = "newsflow.dlq.source.partition";
    public static final String SOURCE_OFFSET = "newsflow.dlq.source.offset";
    /**
     * Bytes of the source record's value, set on a dead letter of reason {@code TOO_LARGE} and on any dead letter
     * whose {@code originalValue} was cut to fit the record size limit (it then holds the first bytes only).
     */
    public static final String ORIGINAL_SIZE = "newsflow.dlq.original.size";
    /** ISO-8601 instant, e.g. {@code 2025-01-31T10:15:30.123Z}. */
    public static final String FAILED_AT = "newsflow.dlq.failed.at";

    private DeadLetterHeaders() {}

    /** The headers that mirror a dead letter's description (never its original key, value or headers). */
    public static Headers of(DeadLetter deadLetter) {
        Headers headers = new RecordHeaders();
        add(headers, STAGE, deadLetter.getStage());
        add(headers, REASON, deadLetter.getReason());
        add(headers, ERROR_CLASS, deadLetter.getErrorClass());
        add(headers, MESSAGE, deadLetter.getMessage());
        add(headers, SOURCE_TOPIC, deadLetter.getSourceTopic());
        add(headers, SOURCE_PARTITION, deadLetter.getSourcePartition());
        add(headers, SOURCE_OFFSET, deadLetter.getSourceOffset());
        add(headers, FAILED_AT, deadLetter.getFailedAt());
        return headers;
    }

    private static void add(Headers headers, String name, Object value) {
        if (value != null) {
            headers.add(name, value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
