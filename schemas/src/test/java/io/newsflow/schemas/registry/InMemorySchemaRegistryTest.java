package io.newsflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
    private static final String SUBJECT = "people-value";
    private static final Schema V1 = schema("""
            {"type": "record", "name": "Person", "fields": [{"name": "name", "type": "string"}]}""");
    private static final Schema V2_OPTIONAL_FIELD = schema("""
            {"type": "record", "name": "Person", "fields": [{"name": "name", "type": "string"},
              {"name": "age", "type": ["null", "int"], "default": null}]}""");
    private static final Schema V2_REQUIRED_FIELD = schema("""
            {"type": "record", "name": "Person", "fields": [{"name": "name", "type": "string"},
              {"name": "age", "type": "int"}]}""");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("mock://test");

    @Test
    void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        int first = registry.register(SUBJECT, V1);
        int again = registry.register(SUBJECT, V1);

        assertThat(again).isEqualTo(first);
        assertThat(registry.latestVersion(SUBJECT).version()).isEqualTo(1);
    }

    @Test
    void shouldShareIdsAcrossSubjects() {
        int clean = registry.register("articles.clean-value", CleanArticle.getClassSchema());
        int sameElsewhere = registry.register("copy-value", CleanArticle.getClassSchema());
        int raw = registry.register("articles.raw-value", RawArticle.getClassSchema());

        assertThat(sameElsewhere).isEqualTo(clean);
        assertThat(raw).isNotEqualTo(clean);
        assertThat(registry.schemaById(clean)).isEqualTo(CleanArticle.getClassSchema());
        assertThat(registry.schemaById(raw)).isEqualTo(RawArticle.getClassSchema());
    }

    @Test
    void shouldKeepVersionsPerSubject() {
        int v1 = registry.register(SUBJECT, V1);
        int v2 = registry.register(SUBJECT, V2_OPTIONAL_FIELD);

        assertThat(registry.version(SUBJECT, 1)).isEqualTo(new RegisteredSchema(SUBJECT, v1, 1, V1));
        assertThat(registry.version(SUBJECT, 2)).isEqualTo(new RegisteredSchema(SUBJECT, v2, 2, V2_OPTIONAL_FIELD));
        assertThat(registry.latestVersion(SUBJECT).version()).isEqualTo(2);
        assertThat(registry.lookup(SUBJECT, V1)).isEqualTo(new RegisteredSchema(SUBJECT, v1, 1, V1));
    }

    @Test
    void shouldAnswerUnknownIdsSubjectsVersionsAndSchemasWithConfluentErrorCodes() {
        registry.register(SUBJECT, V1);

        assertThatThrownBy(() -> registry.schemaById(99)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
            assertThat(e.getMessage()).contains("mock://test", "schema id 99");
        });
        assertThatThrownBy(() -> registry.latestVersion("nobody-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
                    assertThat(e.subject()).isEqualTo("nobody-value");
                    assertThat(e.getMessage()).contains("mock://test", "'nobody-value'");
                });
        assertThatThrownBy(() -> registry.version(SUBJECT, 5)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND));
        assertThatThrownBy(() -> registry.lookup(SUBJECT, V2_OPTIONAL_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldRefuseBackwardIncompatibleSchema() {
        registry.register(SUBJECT, V1);

        CompatibilityResult check = registry.testCompatibility(SUBJECT, V2_REQUIRED_FIELD);

        assertThat(registry.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(check.compatible()).isFalse();
        assertThat(check.messages()).singleElement().asString().contains("field age", "no default");
        assertThatThrownBy(() -> registry.register(SUBJECT, V2_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("people-value", "field age");
                });
    }

    @Test
    void shouldAcceptNewOptionalFieldWithDefault() {
        registry.register(SUBJECT, V1);

        assertThat(registry.testCompatibility(SUBJECT, V2_OPTIONAL_FIELD).compatible()).isTrue();
    }

    @Test
    void shouldTreatASubjectWithoutVersionsAsCompatibleWithAnything() {
        assertThat(registry.testCompatibility("new-value", V2_REQUIRED_FIELD)).isEqualTo(CompatibilityResult.ok());
    }

    @Test
    void shouldFollowTheSubjectsLevel() {
        registry.register(SUBJECT, V2_REQUIRED_FIELD);

        registry.setCompatibility(SUBJECT, CompatibilityLevel.FORWARD);
        // Removing a field without default: old readers (V2) cannot read new data (V1).
        assertThat(registry.testCompatibility(SUBJECT, V1).compatible()).isFalse();

        registry.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
        assertThat(registry.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.testCompatibility(SUBJECT, V1).compatible()).isTrue();
    }

    @Test
    void shouldCheckEveryVersionWhenTransitive() {
        registry.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
        registry.register(SUBJECT, V2_REQUIRED_FIELD);
        registry.register(SUBJECT, V1);
        Schema readsOnlyV1Data = V1;

        registry.setCompatibility(SUBJECT, CompatibilityLevel.FORWARD);
        assertThat(registry.testCompatibility(SUBJECT, readsOnlyV1Data).compatible()).isTrue();
        registry.setCompatibility(SUBJECT, CompatibilityLevel.FORWARD_TRANSITIVE);
        assertThat(registry.testCompatibility(SUBJECT, readsOnlyV1Data).compatible()).isFalse();
    }

    @Test
    void shouldShareOneRegistryPerMockScopeUntilReset() {
        String scope = "in-memory-registry-test";
        SchemaRegistryClient first = SchemaRegistryClients.open(RegistryClientSettings.of("mock://" + scope));
        int id = first.register(SUBJECT, V1);

        SchemaRegistryClient second = SchemaRegistryClients.open(RegistryClientSettings.of("mock://" + scope));
        assertThat(second.schemaById(id)).isEqualTo(V1);
        assertThat(second.url()).isEqualTo("mock://" + scope);

        MockSchemaRegistries.reset(scope);
        SchemaRegistryClient afterReset = SchemaRegistryClients.open(RegistryClientSettings.of("mock://" + scope));
        assertThatThrownBy(() -> afterReset.schemaById(id)).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldRejectAMockUrlWithoutScope() {
        assertThatThrownBy(() -> MockSchemaRegistries.forUrl("mock://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mock://<scope>");
    }

    private static Schema schema(String json) {
        return new Schema.Parser().parse(json);
    }
}
