package io.newsflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.CleanArticle;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP registry client against the real Apicurio registry's Confluent-compatible API. */
@ExtendWith(StackExtension.class)
class SchemaRegistryClientIT {
    private static final Schema V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "it", "fields": [{"name": "name", "type": "string"}]}""");
    private static final Schema V2_OPTIONAL_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "it", "fields": [{"name": "name", "type": "string"},
              {"name": "age", "type": ["null", "int"], "default": null}]}""");
    private static final Schema V2_REQUIRED_FIELD = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "it", "fields": [{"name": "name", "type": "string"},
              {"name": "age", "type": "int"}]}""");

    private final String subject = "it-" + UUID.randomUUID() + "-value";

    @Test
    void shouldRegisterAndFindTheSchemaEveryWay(StackEndpoints endpoints) {
        try (SchemaRegistryClient client = open(endpoints)) {
            int id = client.register(subject, CleanArticle.getClassSchema());

            assertThat(client.register(subject, CleanArticle.getClassSchema())).isEqualTo(id);
            assertThat(client.schemaById(id)).isEqualTo(CleanArticle.getClassSchema());
            assertThat(client.version(subject, 1)).isEqualTo(new RegisteredSchema(subject, id, 1, CleanArticle.getClassSchema()));
            assertThat(client.latestVersion(subject).id()).isEqualTo(id);
            assertThat(client.lookup(subject, CleanArticle.getClassSchema()).id()).isEqualTo(id);
        }
        try (SchemaRegistryClient fresh = open(endpoints)) {
            assertThat(fresh.lookup(subject, CleanArticle.getClassSchema()).version()).isEqualTo(1);
        }
    }

    @Test
    void shouldEnforceTheSubjectsCompatibilityLevel(StackEndpoints endpoints) {
        try (SchemaRegistryClient client = open(endpoints)) {
            client.register(subject, V1);
            client.setCompatibility(subject, CompatibilityLevel.BACKWARD);

            assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(client.testCompatibility(subject, V2_REQUIRED_FIELD).compatible()).isFalse();
            assertThat(client.testCompatibility(subject, V2_OPTIONAL_FIELD).compatible()).isTrue();
            assertThatThrownBy(() -> client.register(subject, V2_REQUIRED_FIELD))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(409);
                        assertThat(e.getMessage()).contains(endpoints.registryUrl(), subject);
                    });
            assertThat(client.register(subject, V2_OPTIONAL_FIELD)).isPositive();
            assertThat(client.latestVersion(subject).version()).isEqualTo(2);
        }
    }

    @Test
    void shouldNameTheRegistryAndSubjectWhenSomethingIsMissing(StackEndpoints endpoints) {
        try (SchemaRegistryClient client = open(endpoints)) {
            assertThatThrownBy(() -> client.schemaById(987_654))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.isNotFound()).isTrue();
                        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                        assertThat(e.getMessage()).contains(endpoints.registryUrl(), "schema id 987654");
                    });
            assertThatThrownBy(() -> client.lookup(subject, V1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
                        assertThat(e.getMessage()).contains(endpoints.registryUrl(), subject);
                    });
        }
    }

    private static SchemaRegistryClient open(StackEndpoints endpoints) {
        return SchemaRegistryClients.open(RegistryClientSettings.of(endpoints.registryUrl()));
    }
}
