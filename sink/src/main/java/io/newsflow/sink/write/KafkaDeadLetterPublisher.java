package io.newsflow.sink.write;

import io.newsflow.avro.DeadLetter;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes dead letters to the dead-letter topic, keyed by the original key, the value an Avro {@link DeadLetter}
 * through the registry-backed serializer, with the descriptive headers every dead letter carries.
 */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher {

    private final Producer<byte[], byte[]> producer;
    private final Serializer<DeadLetter> serializer;
    private final String topic;
    private final Function<DeadLetter, Headers> headers;

    /**
     * @param producer an idempotent producer with {@code acks=all}
     * @param headers the headers describing a dead letter (the schemas module's {@code DeadLetterHeaders::of})
     */
    public KafkaDeadLetterPublisher(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer,
            String topic, Function<DeadLetter, Headers> headers) {
        this.producer = producer;
        this.serializer = serializer;
        this.topic = topic;
        this.headers = headers;
    }

    @Override
    public void publish(PendingRecord record, DeadLetter deadLetter, Consumer<Exception> whenAcknowledged) {
        try {
            byte[] value = serializer.serialize(topic, deadLetter);
            producer.send(new ProducerRecord<>(topic, null, record.key(), value, headers.apply(deadLetter)),
                    (metadata, exception) -> whenAcknowledged.accept(exception));
        } catch (RuntimeException e) {
            // serializer or producer refused synchronously (registry down, buffer full): retried like a failed send
            whenAcknowledged.accept(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
