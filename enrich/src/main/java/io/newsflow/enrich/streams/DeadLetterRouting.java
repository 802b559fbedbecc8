package io.newsflow.enrich.streams;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Turns a failed record into the dead-letter record for {@code articles.dlq}: the Avro {@link DeadLetter} (stage
 * ENRICH, reason, error class, a message that never quotes content, where the record came from, the original key,
 * value and headers) plus headers that name the reason, so tools can count without decoding.
 *
 * <p>The error handlers are created by Kafka Streams from a class name; they find this object in the Streams
 * configuration under {@link #CONFIG_KEY}.
 */
public final class DeadLetterRouting {
    /** Streams configuration key under which the app passes this object to its error handlers. */
    public static final String CONFIG_KEY = "newsflow.enrich.dead.letter.routing";
    public static final String HEADER_REASON = "newsflow.dlq.reason";
    public static final String HEADER_STAGE = "newsflow.dlq.stage";

    private final String topic;
    private final Serializer<DeadLetter> serializer;
    private final EnrichMetrics metrics;
    private final Clock clock;

    public DeadLetterRouting(String topic, Serializer<DeadLetter> serializer, EnrichMetrics metrics, Clock clock) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /** The dead-letter record for one failed source record. */
    List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, FailureReason reason, String message,
            Throwable error) {
        byte[] key = context.sourceRawKey();
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage(Stage.ENRICH)
                .setReason(reason)
                .setErrorClass(error.getClass().getName())
                .setMessage(message)
                .setArticleId(key == null ? null : new String(key, StandardCharsets.UTF_8))
                .setSourceTopic(context.topic())
                .setSourcePartition(context.partition())
                .setSourceOffset(context.offset())
                .setFailedAt(clock.instant())
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(context.sourceRawValue() == null ? null : ByteBuffer.wrap(context.sourceRawValue()))
                .setOriginalHeaders(headers(context.headers()))
                .build();
        Headers headers = new RecordHeaders();
        headers.add(HEADER_STAGE, "ENRICH".getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_REASON, reason.name().getBytes(StandardCharsets.UTF_8));
        byte[] value = serializer.serialize(topic, headers, letter);
        metrics.deadLettered(reason.name());
        return List.of(new ProducerRecord<>(topic, null, key, value, headers));
    }

    /** The class names of an exception and its causes: what failed, without the messages, which may quote input. */
    static String describe(String what, Throwable error) {
        StringBuilder out = new StringBuilder(what).append(": ").append(error.getClass().getName());
        int depth = 0;
        for (Throwable cause = error.getCause(); cause != null && depth < 5; cause = cause.getCause(), depth++) {
            out.append(" caused by ").append(cause.getClass().getName());
        }
        return out.toString();
    }

    private static Map<String, ByteBuffer> headers(Headers headers) {
        Map<String, ByteBuffer> copy = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                copy.put(header.key(), ByteBuffer.wrap(header.value() == null ? new byte[0] : header.value()));
            }
        }
        return copy;
    }
}
