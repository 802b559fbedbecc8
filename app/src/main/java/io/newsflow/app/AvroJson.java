package io.newsflow.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as plain JSON values (maps, lists, strings, numbers), field names and order from the record's own
 * schema: unions as their value (no {@code {"string": ...}} wrapper, unlike Avro's JSON encoding, so any JSON tool
 * reads it), enums as their symbol, timestamps as ISO-8601 strings. For printing records to people and scripts.
 */
final class AvroJson {
    private AvroJson() {}

    static Map<String, Object> toMap(IndexedRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.put(field.name(), value(record.get(field.pos())));
        }
        return json;
    }

    private static Object value(Object value) {
        return switch (value) {
            case null -> null;
            case IndexedRecord record -> toMap(record);
            case Collection<?> items -> {
                List<Object> list = new ArrayList<>(items.size());
                items.forEach(item -> list.add(value(item)));
                yield list;
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k.toString(), value(v)));
                yield out;
            }
            case Enum<?> symbol -> symbol.name();
            case GenericEnumSymbol<?> symbol -> symbol.toString();
            case Instant instant -> instant.toString();
            case CharSequence text -> text.toString();
            default -> value;
        };
    }
}
