package io.newsflow.schemas.evolution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Avro's {@link SchemaCompatibility}, with its findings turned into sentences that name the field and say why,
 * e.g. {@code field statements[].act: enum symbols [REJECT] were removed}.
 */
public final class AvroCompatibility {
    private AvroCompatibility() {}

    /** Why {@code reader} cannot read data written with {@code writer}; empty when it can. */
    public static List<String> problems(Schema reader, Schema writer) {
        Set<String> problems = new LinkedHashSet<>();
        collect(reader, writer, "", problems);
        return new ArrayList<>(problems);
    }

    private static void collect(Schema reader, Schema writer, String prefix, Set<String> problems) {
        for (Incompatibility found : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            String field = join(prefix, fieldPath(reader, found.getLocation()));
            Branches branches = sameNamedBranches(found);
            if (branches != null) {
                // Avro only says the union cannot take the writer's record; look inside for the real reason.
                collect(branches.reader(), branches.writer(), field, problems);
            } else {
                problems.add((field.isEmpty() ? "record " + reader.getFullName() : "field " + field) + ": "
                        + explain(found));
            }
        }
    }

    private record Branches(Schema reader, Schema writer) {}

    /**
     * For a union that cannot take a named writer type: that writer type and the reader's branch of the same name,
     * or null. Avro reports the writer's whole union, with the branch index as the location's last step.
     */
    private static Branches sameNamedBranches(Incompatibility found) {
        Schema reader = found.getReaderFragment();
        Schema writer = found.getWriterFragment();
        if (found.getType() != SchemaIncompatibilityType.MISSING_UNION_BRANCH || reader.getType() != Schema.Type.UNION) {
            return null;
        }
        if (writer.getType() == Schema.Type.UNION) {
            String lastStep = found.getLocation().substring(found.getLocation().lastIndexOf('/') + 1);
            if (!lastStep.chars().allMatch(Character::isDigit) || lastStep.isEmpty()) {
                return null;
            }
            writer = writer.getTypes().get(Integer.parseInt(lastStep));
        }
        Schema writerBranch = writer;
        return !isNamed(writerBranch) ? null : reader.getTypes().stream()
                .filter(branch -> isNamed(branch) && branch.getFullName().equals(writerBranch.getFullName()))
                .findFirst().map(branch -> new Branches(branch, writerBranch)).orElse(null);
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static String join(String prefix, String path) {
        return prefix.isEmpty() || path.isEmpty() ? prefix + path : prefix + "." + path;
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
