package io.newsflow.schemas.evolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Finds enum symbols that a released schema had and the current one lacks, in enums with a default. Avro calls that
 * compatible (it reports enums without a default itself), but old data would silently read as the default: our
 * contract never removes a symbol.
 */
final class RemovedEnumSymbols {
    private record EnumAt(String fieldPath, List<String> symbols, boolean hasDefault) {}

    private RemovedEnumSymbols() {}

    static List<String> problems(Schema current, Schema released) {
        Map<String, EnumAt> currentEnums = enums(current);
        List<String> problems = new ArrayList<>();
        enums(released).forEach((name, was) -> {
            EnumAt now = currentEnums.get(name);
            if (now != null && now.hasDefault()) {
                List<String> removed = new ArrayList<>(was.symbols());
                removed.removeAll(now.symbols());
                if (!removed.isEmpty()) {
                    problems.add("field " + now.fieldPath() + ": enum symbols " + removed + " were removed, so data"
                            + " that uses them would read as the enum's default (keep them)");
                }
            }
        });
        return problems;
    }

    /** Every enum in {@code schema}, by full name, with the path of the first field that holds it. */
    private static Map<String, EnumAt> enums(Schema schema) {
        Map<String, EnumAt> found = new LinkedHashMap<>();
        collect(schema, "", found, new ArrayList<>());
        return found;
    }

    private static void collect(Schema schema, String path, Map<String, EnumAt> found, List<String> seenRecords) {
        switch (schema.getType()) {
            case ENUM -> found.putIfAbsent(schema.getFullName(), new EnumAt(path, schema.getEnumSymbols(),
                    schema.getEnumDefault() != null));
            case ARRAY -> collect(schema.getElementType(), path + "[]", found, seenRecords);
            case MAP -> collect(schema.getValueType(), path + "{}", found, seenRecords);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, path, found, seenRecords));
            case RECORD -> {
                if (!seenRecords.contains(schema.getFullName())) {
                    seenRecords.add(schema.getFullName());
                    for (Schema.Field field : schema.getFields()) {
                        collect(field.schema(), path.isEmpty() ? field.name() : path + "." + field.name(), found,
                                seenRecords);
                    }
                }
            }
            default -> { }
        }
    }
}
