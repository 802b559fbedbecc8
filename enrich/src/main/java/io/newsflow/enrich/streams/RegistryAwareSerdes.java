package io.newsflow.enrich.streams;

import io.newsflow.schemas.RecordSizes;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The enricher's serdes around the registry-backed Avro ones: reading and writing wait out a registry that cannot be
 * asked ({@link RegistryBackoff}), and writing refuses a record over the producer's size limit with an
 * {@link OversizedRecordException} before the producer ever sees it.
 */
final class RegistryAwareSerdes {
    static final int RECORD_OVERHEAD_BYTES = RecordSizes.RECORD_OVERHEAD_BYTES;

    private RegistryAwareSerdes() {}

    /** A serde whose deserializer waits for the registry; its serializer is left as it is. */
    static <T> Serde<T> waitingToRead(Serde<T> serde, RegistryBackoff backoff) {
        return Serdes.serdeFrom(serde.serializer(), new WaitingDeserializer<>(serde.deserializer(), backoff));
    }

    /** A serde whose serializer waits for the registry and keeps records within {@code maxRecordBytes}. */
    static <T> Serde<T> waitingToWrite(Serde<T> serde, RegistryBackoff backoff, int maxRecordBytes) {
        return Serdes.serdeFrom(new BoundedSerializer<>(serde.serializer(), backoff, maxRecordBytes), serde.deserializer());
    }

    /** The size the producer will count for a record of this value and headers, with a key of up to 1 KiB. */
    static long recordSize(byte[] value, Headers headers) {
        long size = RECORD_OVERHEAD_BYTES + (value == null ? 0 : value.length);
        if (headers != null) {
            for (Header header : headers) {
                size += header.key().length() + (header.value() == null ? 0 : header.value().length) + 8;
            }
        }
        return size;
    }

    static final class WaitingDeserializer<T> implements Deserializer<T> {
        private final Deserializer<T> delegate;
        private final RegistryBackoff backoff;

        WaitingDeserializer(Deserializer<T> delegate, RegistryBackoff backoff) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.backoff = Objects.requireNonNull(backoff, "backoff");
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            return backoff.call("reading from " + topic, () -> delegate.deserialize(topic, data));
        }

        @Override
        public T deserialize(String topic, Headers headers, byte[] data) {
            return backoff.call("reading from " + topic, () -> delegate.deserialize(topic, headers, data));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    static final class BoundedSerializer<T> implements Serializer<T> {
        private final Serializer<T> delegate;
        private final RegistryBackoff backoff;
        private final int maxRecordBytes;

        BoundedSerializer(Serializer<T> delegate, RegistryBackoff backoff, int maxRecordBytes) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            if (maxRecordBytes <= RECORD_OVERHEAD_BYTES) {
                throw new IllegalArgumentException("maxRecordBytes must exceed " + RECORD_OVERHEAD_BYTES + ", got "
                        + maxRecordBytes);
            }
            this.maxRecordBytes = maxRecordBytes;
        }

        @Override
        public byte[] serialize(String topic, T data) {
            return serialize(topic, null, data);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, T data) {
            byte[] bytes = backoff.call("writing to " + topic,
                    () -> headers == null ? delegate.serialize(topic, data) : delegate.serialize(topic, headers, data));
            long size = recordSize(bytes, headers);
            if (size > maxRecordBytes) {
                throw new OversizedRecordException(topic, size, maxRecordBytes);
            }
            return bytes;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
