package io.newsflow.enrich.streams;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

    /**
     * The dead-letter record for one failed source record.
     *
     * @param description a fixed phrase (or the cleaner's content-free message) saying what failed
     * @param cause the exception behind it, or null when a rule rejected the record
     */
    List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, FailureReason reason,
            String description, Throwable cause) {
        byte[] key = context.sourceRawKey();
        DeadLetters.Builder builder = DeadLetters.failure(Stage.ENRICH, reason, description)
                .articleId(key == null ? null : new String(key, StandardCharsets.UTF_8))
                .source(context.topic(), context.partition(), context.offset())
                .original(key, context.sourceRawValue())
                .originalHeaders(context.headers() == null ? new RecordHeaders() : context.headers())
                .failedAt(clock.instant());
        if (cause != null) {
            builder.cause(cause);
        }
        DeadLetter letter = builder.build();
        Headers headers = DeadLetterHeaders.of(letter);
        byte[] value = serializer.serialize(topic, headers, letter);
        metrics.deadLettered(reason.name());
        return List.of(new ProducerRecord<>(topic, null, key, value, headers));
    }
}
