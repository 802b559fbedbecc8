package io.newsflow.enrich.health;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON (Jackson) for the source-health app's own records: its state stores, their changelogs and its repartition
 * topic. Internal to the app, not part of the contract; unknown fields are ignored so a newer version can add some.
 */
final class JsonSerde<T> implements Serde<T> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Class<T> type;

    JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write a " + type.getSimpleName() + " for " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return JSON.readValue(data, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read a " + type.getSimpleName() + " from " + topic + " ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        };
    }
}
