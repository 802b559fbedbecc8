package io.newsflow.sink.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The index template of the articles index, read from {@code articles-template.json} beside this class. */
public final class IndexTemplate {

    private static final String RESOURCE = "articles-template.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body;

    private IndexTemplate(ObjectNode body) {
        this.body = body;
    }

    /** The template as shipped, matching {@code articles-*}. */
    public static IndexTemplate articles() {
        try (InputStream in = IndexTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("index template resource " + RESOURCE + " is missing");
            }
            return new IndexTemplate((ObjectNode) JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index template " + RESOURCE, e);
        }
    }

    /** The same template matching the backing indices of another alias ({@code <alias>-*}). */
    public IndexTemplate forAlias(String alias) {
        ObjectNode copy = body.deepCopy();
        copy.putArray("index_patterns").add(alias + "-*");
        return new IndexTemplate(copy);
    }

    /** The {@code mappings} object. */
    public JsonNode mappings() {
        return body.path("template").path("mappings");
    }

    /** The body of {@code PUT _index_template/<name>}. */
    public String json() {
        return body.toString();
    }
}
