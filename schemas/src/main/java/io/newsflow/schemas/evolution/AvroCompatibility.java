package io.newsflow.schemas.evolution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Avro's {@link SchemaCompatibility}, with its findings turned into sentences that name the field and say why,
 * e.g. {@code field statements[].act: enum symbols [REJECT] were removed}.
 */
public final class AvroCompatibility {
    private AvroCompatibility() {}

    /** Why {@code reader} cannot read data written with {@code writer}; empty when it can. */
    public static List<String> problems(Schema reader, Schema writer) {
        Set<String> problems = new LinkedHashSet<>();
        for (Incompatibility found : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            String field = fieldPath(reader, found.getLocation());
            problems.add((field.isEmpty() ? "record " + reader.getFullName() : "field " + field) + ": " + explain(found));
        }
        return new ArrayList<>(problems);
    }

    private static String explain(Incompatibility found) {
        return switch (found.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE ->
                    "is new and has no default, so data written without it cannot be read (give it a default)";
            case MISSING_ENUM_SYMBOLS -> "enum symbols " + found.getMessage()
                    + " were removed, so data that uses them cannot be read (keep them, or give the enum a default)";
            case MISSING_UNION_BRANCH -> "union lost a branch that old data uses: " + found.getMessage();
            case NAME_MISMATCH -> "type was renamed (add the old name as an alias): " + found.getMessage();
            case TYPE_MISMATCH, FIXED_SIZE_MISMATCH -> found.getMessage();
        };
    }

    /**
     * Turns Avro's JSON-pointer location into the reader schema ({@code /fields/16/type/items/fields/4/type/symbols})
     * into a field path ({@code statements[].act}); empty for the record itself.
     */
    static String fieldPath(Schema root, String location) {
        String[] steps = location.split("/");
        StringBuilder path = new StringBuilder();
        Schema schema = root;
        try {
            for (int i = 1; i < steps.length; i++) {
                String step = steps[i];
                if (step.equals("fields")) {
                    Schema.Field field = schema.getFields().get(Integer.parseInt(steps[++i]));
                    path.append(path.isEmpty() ? "" : ".").append(field.name());
                    schema = field.schema();
                } else if (step.equals("items")) {
                    path.append("[]");
                    schema = schema.getElementType();
                } else if (step.equals("values")) {
                    path.append("{}");
                    schema = schema.getValueType();
                } else if (schema.getType() == Schema.Type.UNION && step.chars().allMatch(Character::isDigit)) {
                    schema = schema.getTypes().get(Integer.parseInt(step));
                }
            }
        } catch (RuntimeException unexpectedShape) {
            return location;
        }
        return path.toString();
    }
}
