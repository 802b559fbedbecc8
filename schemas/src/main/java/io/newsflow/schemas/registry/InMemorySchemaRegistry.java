package io.newsflow.schemas.registry;

import io.newsflow.schemas.evolution.AvroCompatibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry in memory that behaves like Confluent's: global ids shared across subjects, versions per subject,
 * compatibility levels (default BACKWARD) enforced on register, and Confluent's error codes. For tests; opened
 * through {@code mock://<scope>} URLs (see {@link MockSchemaRegistries}).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private final String url;
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubjectVersion = new HashMap<>();
    private final Map<String, CompatibilityLevel> levels = new HashMap<>();

    public InMemorySchemaRegistry(String url) {
        this.url = url;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versions = idsBySubjectVersion.getOrDefault(subject, List.of());
        for (int id : versions) {
            if (schemaOf(id).equals(schema)) {
                return id;
            }
        }
        CompatibilityResult check = testCompatibility(subject, schema);
        if (!check.compatible()) {
            throw error(RegistryActions.register(subject), subject, 409,
                    SchemaRegistryException.INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with an"
                            + " earlier schema for subject '" + subject + "': " + String.join("; ", check.messages()));
        }
        int id = idsBySchema.computeIfAbsent(schema, s -> {
            schemasById.add(s);
            return schemasById.size();
        });
        idsBySubjectVersion.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw error(RegistryActions.fetchId(id), null, 404, SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "Schema " + id + " not found");
        }
        return schemaOf(id);
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> versions = versionsOf(subject, RegistryActions.fetchVersion(subject, Integer.toString(version)));
        if (version < 1 || version > versions.size()) {
            throw error(RegistryActions.fetchVersion(subject, Integer.toString(version)), subject, 404,
                    SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        int id = versions.get(version - 1);
        return new RegisteredSchema(subject, id, version, schemaOf(id));
    }

    @Override
    public synchronized RegisteredSchema latestVersion(String subject) {
        return version(subject, versionsOf(subject, RegistryActions.fetchVersion(subject, "latest")).size());
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        String action = RegistryActions.lookup(subject);
        List<Integer> versions = versionsOf(subject, action);
        for (int v = 1; v <= versions.size(); v++) {
            int id = versions.get(v - 1);
            if (schemaOf(id).equals(schema)) {
                return new RegisteredSchema(subject, id, v, schemaOf(id));
            }
        }
        throw error(action, subject, 404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        CompatibilityLevel level = compatibility(subject);
        List<Integer> versions = idsBySubjectVersion.getOrDefault(subject, List.of());
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return CompatibilityResult.ok();
        }
        List<Integer> earlier = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        List<String> messages = new ArrayList<>();
        for (int id : earlier) {
            Schema existing = schemaOf(id);
            if (level.backward()) {
                messages.addAll(AvroCompatibility.problems(schema, existing));
            }
            if (level.forward()) {
                messages.addAll(AvroCompatibility.problems(existing, schema));
            }
        }
        return new CompatibilityResult(messages.isEmpty(), messages);
    }

    @Override
    public synchronized CompatibilityLevel compatibility(String subject) {
        return levels.getOrDefault(subject, CompatibilityLevel.BACKWARD);
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        levels.put(subject, level);
    }

    private Schema schemaOf(int id) {
        return schemasById.get(id - 1);
    }

    private List<Integer> versionsOf(String subject, String action) {
        List<Integer> versions = idsBySubjectVersion.get(subject);
        if (versions == null) {
            throw error(action, subject, 404, SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private SchemaRegistryException error(String action, String subject, int status, int code, String message) {
        return new SchemaRegistryException(url, action, subject, status, code, message, null);
    }
}
