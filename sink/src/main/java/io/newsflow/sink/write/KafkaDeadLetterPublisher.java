package io.newsflow.sink.write;

import io.newsflow.avro.DeadLetter;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.DeadLetters;
import io.newsflow.schemas.RecordSizes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes dead letters to the dead-letter topic, keyed by the original key, the value an Avro {@link DeadLetter}
 * through the registry-backed serializer, with the descriptive headers every dead letter carries.
 *
 * <p>A dead letter always fits the record size limit ({@link RecordSizes#MAX_RECORD_BYTES}): when its original would
 * make it too large, {@code originalValue} keeps the first bytes only, the message says so and the
 * {@link DeadLetterHeaders#ORIGINAL_SIZE} header gives the original's size, so a too-large letter is never retried
 * without end and {@code newsflow dlq redrive} knows not to put a cut original back.
 */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher {

    private final Producer<byte[], byte[]> producer;
    private final Serializer<DeadLetter> serializer;
    private final String topic;
    private final Function<DeadLetter, Headers> headers;
    private final int maxRecordBytes;

    /**
     * @param producer an idempotent producer with {@code acks=all}
     * @param headers the headers describing a dead letter (the schemas module's {@code DeadLetterHeaders::of})
     */
    public KafkaDeadLetterPublisher(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer,
            String topic, Function<DeadLetter, Headers> headers) {
        this(producer, serializer, topic, headers, RecordSizes.MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes the producer's {@code max.request.size} */
    public KafkaDeadLetterPublisher(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer,
            String topic, Function<DeadLetter, Headers> headers, int maxRecordBytes) {
        if (maxRecordBytes <= 2 * RecordSizes.RECORD_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes is too small for a dead letter: " + maxRecordBytes);
        }
        this.producer = producer;
        this.serializer = serializer;
        this.topic = topic;
        this.headers = headers;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void publish(PendingRecord record, DeadLetter deadLetter, Consumer<Exception> whenAcknowledged) {
        try {
            DeadLetter letter = deadLetter;
            Headers letterHeaders = headers.apply(letter);
            byte[] value = serializer.serialize(topic, letter);
            long excess = size(record.key(), value, letterHeaders) - maxRecordBytes;
            ByteBuffer original = deadLetter.getOriginalValue();
            if (excess > 0 && original != null) {
                int originalSize = original.remaining();
                int keep = DeadLetters.keptOriginalBytes(originalSize, excess);
                byte[] kept = new byte[keep];
                original.duplicate().get(kept);
                letter = DeadLetter.newBuilder(deadLetter).setOriginalValue(ByteBuffer.wrap(kept))
                        .setMessage(deadLetter.getMessage() + DeadLetters.cutNote(keep, originalSize))
                        .build();
                letterHeaders = headers.apply(letter);
                letterHeaders.add(DeadLetterHeaders.ORIGINAL_SIZE,
                        Integer.toString(originalSize).getBytes(StandardCharsets.UTF_8));
                value = serializer.serialize(topic, letter);
            }
            producer.send(new ProducerRecord<>(topic, null, record.key(), value, letterHeaders),
                    (metadata, exception) -> whenAcknowledged.accept(exception));
        } catch (RuntimeException e) {
            // serializer or producer refused synchronously (registry down, buffer full): retried like a failed send
            whenAcknowledged.accept(e);
        }
    }

    private static long size(byte[] key, byte[] value, Headers headers) {
        long size = (key == null ? 0 : key.length) + value.length;
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
