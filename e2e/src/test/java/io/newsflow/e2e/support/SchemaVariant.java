package io.newsflow.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A newer version of a contract schema, as a later release of a writer would register it: the same record with
 * one more optional field at the end ({@code faultProbe}, null by default). Registered under a subject of its own,
 * it has a schema id no reader has seen yet, so the first record written with it makes every reader ask the
 * registry for that id: what a registry outage must not turn into dead letters.
 */
public final class SchemaVariant<T extends SpecificRecord> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int schemaId;
    private final Schema writerSchema;

    private SchemaVariant(int schemaId, Schema writerSchema) {
        this.schemaId = schemaId;
        this.writerSchema = writerSchema;
    }

    /** Registers the variant of {@code schema} under {@code subject} at the registry's ccompat API. */
    public static <T extends SpecificRecord> SchemaVariant<T> register(String registryUrl, String subject,
            Schema schema) {
        try {
            ObjectNode variant = (ObjectNode) JSON.readTree(schema.toString());
            ObjectNode field = ((ArrayNode) variant.get("fields")).addObject();
            field.put("name", "faultProbe");
            field.putArray("type").add("null").add("string");
            field.putNull("default");
            String body = JSON.createObjectNode().put("schema", variant.toString()).toString();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(registryUrl + "/subjects/" + subject + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registering a variant of " + schema.getFullName() + " under "
                        + subject + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode id = JSON.readTree(response.body()).path("id");
            return new SchemaVariant<>(id.asInt(), new Schema.Parser().parse(variant.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register a variant of " + schema.getFullName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public int schemaId() {
        return schemaId;
    }

    public Schema schema() {
        return writerSchema;
    }

    /**
     * The record in the Confluent wire format under the variant's id: its own binary encoding followed by the new
     * field, null (union branch 0, one zero byte).
     */
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(WireFormat.header(schemaId));
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
            encoder.writeIndex(0);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
