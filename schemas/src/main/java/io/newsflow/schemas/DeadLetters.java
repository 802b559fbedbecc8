package io.newsflow.schemas;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Builds {@link DeadLetter} records whose message never echoes record content.
 *
 * <p>The message is the caller's fixed description of the failure plus the class names of the exception chain.
 * Exception messages are never copied: parsers and clients put fragments of the input into them.
 */
public final class DeadLetters {
    /** Longest message kept; longer ones are cut and end with an ellipsis. */
    public static final int MAX_MESSAGE_LENGTH = 500;
    /** The error class of a dead letter that no exception caused (a rule rejected the record). */
    public static final String NO_ERROR_CLASS = "none";
    private static final int MAX_CAUSES = 5;

    private DeadLetters() {}

    /**
     * Starts a dead letter.
     *
     * @param description what failed, as a fixed phrase written at the call site ("no main text found"); never
     *     include record content (titles, URLs, body text) in it
     */
    public static Builder failure(Stage stage, FailureReason reason, String description) {
        return new Builder(stage, reason, description);
    }

    /**
     * How many bytes of its original value a dead letter {@code excess} bytes over the record size limit keeps: the
     * first ones, leaving room for the record's framing ({@link RecordSizes#RECORD_OVERHEAD_BYTES}); 0 at the least.
     */
    public static int keptOriginalBytes(int originalSize, long excess) {
        return (int) Math.max(0, originalSize - excess - RecordSizes.RECORD_OVERHEAD_BYTES);
    }

    /** What the message of a dead letter whose original was cut ({@link #keptOriginalBytes}) adds to say so. */
    public static String cutNote(int kept, int originalSize) {
        return "; originalValue holds its first " + kept + " of " + originalSize + " bytes";
    }

    /** Removes control characters, collapses white space and cuts to {@link #MAX_MESSAGE_LENGTH}. */
    static String sanitize(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return clean.length() <= MAX_MESSAGE_LENGTH ? clean : clean.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }

    public static final class Builder {
        private final DeadLetter.Builder record = DeadLetter.newBuilder();
        private final String description;
        private Throwable cause;
        private String errorType;

        private Builder(Stage stage, FailureReason reason, String description) {
            record.setStage(Objects.requireNonNull(stage, "stage"));
            record.setReason(Objects.requireNonNull(reason, "reason"));
            this.description = Objects.requireNonNull(description, "description");
        }

        /** The exception behind the failure: its class is kept, and the class names of its causes, not its message. */
        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        /** For failures reported by another system, e.g. Elasticsearch's {@code mapper_parsing_exception}. */
        public Builder errorType(String errorType) {
            this.errorType = errorType;
            return this;
        }

        public Builder articleId(String articleId) {
            record.setArticleId(articleId);
            return this;
        }

        public Builder source(String topic, int partition, long offset) {
            record.setSourceTopic(topic).setSourcePartition(partition).setSourceOffset(offset);
            return this;
        }

        /** The record as it arrived, so that nothing is lost; either may be null. */
        public Builder original(byte[] key, byte[] value) {
            record.setOriginalKey(key == null ? null : ByteBuffer.wrap(key));
            record.setOriginalValue(value == null ? null : ByteBuffer.wrap(value));
            return this;
        }

        /** The original headers; a repeated header name keeps its last value, a null value becomes empty bytes. */
        public Builder originalHeaders(Headers headers) {
            Map<String, ByteBuffer> copy = new LinkedHashMap<>();
            for (Header header : headers) {
                byte[] value = header.value();
                copy.put(header.key(), ByteBuffer.wrap(value == null ? new byte[0] : value));
            }
            record.setOriginalHeaders(copy);
            return this;
        }

        public Builder failedAt(Instant failedAt) {
            record.setFailedAt(failedAt);
            return this;
        }

        public DeadLetter build() {
            if (!record.hasFailedAt()) {
                throw new IllegalStateException("a dead letter needs failedAt");
            }
            if (errorType != null) {
                record.setErrorClass(sanitize(errorType));
            } else {
                record.setErrorClass(cause == null ? NO_ERROR_CLASS : cause.getClass().getName());
            }
            return record.setMessage(sanitize(description + causeChain())).build();
        }

        private String causeChain() {
            if (cause == null) {
                return "";
            }
            List<String> names = new ArrayList<>();
            for (Throwable t = cause; t != null && names.size() < MAX_CAUSES; t = t.getCause()) {
                names.add(t.getClass().getName());
                if (t.getCause() == t) {
                    break;
                }
            }
            return " (" + String.join(" caused by ", names) + ")";
        }
    }
}
