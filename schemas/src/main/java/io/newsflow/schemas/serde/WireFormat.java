package io.newsflow.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's wire format: magic byte 0, the schema id as 4 bytes big-endian, then the Avro binary encoding. */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** The schema id in {@code data}'s header; says which topic and side failed, never dumping the bytes. */
    public static int schemaId(byte[] data, String topic, boolean isKey) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Cannot read the " + side(isKey) + " of a record from topic '" + topic
                    + "': " + data.length + " bytes is shorter than the Confluent wire format header (magic byte and"
                    + " 4-byte schema id), so it was not written in our wire format");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException("Cannot read the " + side(isKey) + " of a record from topic '" + topic
                    + "': unknown magic byte " + String.format("0x%02x", data[0]) + " (expected 0x00), so it was not"
                    + " written in the Confluent Avro wire format");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    static String side(boolean isKey) {
        return isKey ? "key" : "value";
    }
}
