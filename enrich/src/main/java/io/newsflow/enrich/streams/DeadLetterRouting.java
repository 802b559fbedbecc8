package io.newsflow.enrich.streams;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.DeadLetters;
import io.newsflow.schemas.RecordSizes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Turns a failed record into its record on the dead-letter topic: the Avro {@link DeadLetter} (stage ENRICH, reason,
 * error class, a message that never quotes content, where the record came from, its original key, value and
 * headers) with the {@link DeadLetterHeaders}, so tools can count without decoding.
 *
 * <p>A dead letter always fits the record size limit: when the original would make it too large, its
 * {@code originalValue} keeps the first bytes only, the message says so and the
 * {@link DeadLetterHeaders#ORIGINAL_SIZE} header gives the original's size.
 *
 * <p>The error handlers are created by Kafka Streams from a class name; they find this object in the Streams
 * configuration under {@link #CONFIG_KEY}.
 */
public final class DeadLetterRouting {
    /** Streams configuration key under which the app passes this object to its error handlers. */
    public static final String CONFIG_KEY = "newsflow.enrich.dead.letter.routing";

    private final String topic;
    private final Serializer<DeadLetter> serializer;
    private final EnrichMetrics metrics;
    private final Clock clock;
    private final int maxRecordBytes;

    public DeadLetterRouting(String topic, Serializer<DeadLetter> serializer, EnrichMetrics metrics, Clock clock) {
        this(topic, serializer, metrics, clock, RecordSizes.MAX_RECORD_BYTES);
    }

    /**
     * @param serializer writes the dead letter; may throw the registry's
     *     {@link io.newsflow.schemas.serde.RegistryUnavailableException}, which the handlers turn into a retry
     * @param maxRecordBytes the producer's {@code max.request.size}
     */
    public DeadLetterRouting(String topic, Serializer<DeadLetter> serializer, EnrichMetrics metrics, Clock clock,
            int maxRecordBytes) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxRecordBytes <= 2 * RegistryAwareSerdes.RECORD_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes is too small for a dead letter: " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    static DeadLetterRouting fromConfig(Map<String, ?> configs) {
        Object routing = configs.get(CONFIG_KEY);
        if (!(routing instanceof DeadLetterRouting r)) {
            throw new IllegalStateException("the enrich error handlers need a DeadLetterRouting under '" + CONFIG_KEY
                    + "' in the Streams configuration (EnrichTopology.streamsConfig puts it there)");
        }
        return r;
    }

    public String topic() {
        return topic;
    }

    /**
     * The dead-letter record for one failed source record.
     *
     * @param description a fixed phrase (or the cleaner's content-free message) saying what failed
     * @param cause the exception behind it, or null when a rule rejected the record
     */
    List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, FailureReason reason,
            String description, Throwable cause) {
        return List.of(record(context, reason, description, cause, false));
    }

    /** The dead letter for a record whose output could not be produced because it is over the size limit. */
    List<ProducerRecord<byte[], byte[]>> tooLarge(ErrorHandlerContext context, String outputTopic, long outputSize,
            long limit, Throwable cause) {
        String description = "the record made of this one for topic '" + outputTopic + "' is "
                + (outputSize < 0 ? "larger than the broker accepts" : outputSize + " bytes") + ", over the limit of "
                + limit + " bytes (max.request.size); it was not written";
        return List.of(record(context, FailureReason.TOO_LARGE, description, cause, true));
    }

    private ProducerRecord<byte[], byte[]> record(ErrorHandlerContext context, FailureReason reason,
            String description, Throwable cause, boolean tooLarge) {
        byte[] key = context.sourceRawKey();
        byte[] value = context.sourceRawValue();
        Headers original = context.headers() == null ? new RecordHeaders() : context.headers();
        DeadLetter letter = letter(context, reason, description, cause, key, value, original);
        Headers headers = headers(letter, tooLarge ? value : null);
        byte[] bytes = serializer.serialize(topic, headers, letter);
        long excess = size(key, bytes, headers) - maxRecordBytes;
        if (excess > 0 && value != null) {
            int keep = DeadLetters.keptOriginalBytes(value.length, excess);
            String cut = description + DeadLetters.cutNote(keep, value.length);
            letter = letter(context, reason, cut, cause, key, Arrays.copyOf(value, keep),
                    keep == 0 ? new RecordHeaders() : original);
            headers = headers(letter, value);
            bytes = serializer.serialize(topic, headers, letter);
        }
        metrics.deadLettered(reason.name());
        return new ProducerRecord<>(topic, null, key, bytes, headers);
    }

    private DeadLetter letter(ErrorHandlerContext context, FailureReason reason, String description, Throwable cause,
            byte[] key, byte[] value, Headers originalHeaders) {
        DeadLetters.Builder builder = DeadLetters.failure(Stage.ENRICH, reason, description)
                .articleId(key == null ? null : new String(key, StandardCharsets.UTF_8))
                .source(context.topic(), context.partition(), context.offset())
                .original(key, value)
                .originalHeaders(originalHeaders)
                .failedAt(clock.instant());
        if (cause != null) {
            builder.cause(cause);
        }
        return builder.build();
    }

    private static Headers headers(DeadLetter letter, byte[] originalValue) {
        Headers headers = DeadLetterHeaders.of(letter);
        if (originalValue != null) {
            headers.add(DeadLetterHeaders.ORIGINAL_SIZE,
                    Integer.toString(originalValue.length).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static long size(byte[] key, byte[] value, Headers headers) {
        return RegistryAwareSerdes.recordSize(value, headers) + (key == null ? 0 : key.length);
    }
}
