package io.newsflow.schemas;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic of the contract: its name and the Avro record type of its values. Keys are UTF-8 strings: the
 * article id on the article topics, the source on {@code sources.health}.
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueClass, Schema valueSchema) {
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public Topic {
        Objects.requireNonNull(name, "topic name");
        Objects.requireNonNull(valueClass, "valueClass");
        Objects.requireNonNull(valueSchema, "valueSchema");
        if (!isLegalName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a legal Kafka topic name for "
                    + valueClass.getSimpleName() + " records: use 1 to 249 of a-z A-Z 0-9 . _ -");
        }
    }

    /** Kafka's rule for topic names: 1 to 249 of letters, digits, '.', '_' and '-', and not "." or "..". */
    public static boolean isLegalName(String name) {
        return LEGAL_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** A topic whose values are {@code valueClass} records, with the schema the class was generated from. */
    public static <V extends SpecificRecord> Topic<V> of(String name, Class<V> valueClass) {
        return new Topic<>(name, valueClass, SpecificData.get().getSchema(valueClass));
    }

    public String keySubject() {
        return Subjects.key(name);
    }

    public String valueSubject() {
        return Subjects.value(name);
    }
}
