package io.newsflow.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Makes data as an older producer wrote it: an earlier schema version, and a record's Avro binary under it. */
final class EarlierVersions {
    private EarlierVersions() {}

    /** {@code current} without the named fields (at any depth): what the schema looked like before they were added. */
    static Schema without(Schema current, String... fieldNames) throws IOException {
        JsonNode json = new ObjectMapper().readTree(current.toString());
        removeFields(json, List.of(fieldNames));
        return new Schema.Parser().parse(json.toString());
    }

    /** Plain Avro binary (no wire format header) of {@code record} as written with the {@code earlier} schema. */
    static byte[] writtenWith(Schema earlier, SpecificRecord record) throws IOException {
        byte[] current = avroBinary(record);
        GenericRecord projected = new GenericDatumReader<GenericRecord>(record.getSchema(), earlier)
                .read(null, DecoderFactory.get().binaryDecoder(current, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(earlier).write(projected, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Plain Avro binary of a generated record, written independently of the serializer under test. */
    static byte[] avroBinary(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForSchema(record.getSchema()))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static byte[] withHeader(int schemaId, byte[] payload) {
        byte[] header = WireFormat.header(schemaId);
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    private static void removeFields(JsonNode node, List<String> names) {
        if (node.isObject() && node.has("fields")) {
            ArrayNode fields = (ArrayNode) node.get("fields");
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (names.contains(fields.get(i).get("name").asText())) {
                    fields.remove(i);
                }
            }
        }
        node.forEach(child -> removeFields(child, names));
    }
}
