package io.newsflow.sink.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.sink.health.SourceHealthDocuments;
import io.newsflow.sink.health.SourceHealthIndexSettings;
import io.newsflow.sink.index.IndexTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The saved objects in kibana/newsflow.ndjson hold together and only use fields the index can aggregate on. */
class KibanaSavedObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AGGREGATABLE_FOR_TERMS =
            Set.of("keyword", "integer", "long", "short", "byte", "float", "double", "boolean", "ip");
    private static final Set<String> NUMERIC = Set.of("integer", "long", "short", "byte", "float", "double");

    private static List<JsonNode> objects;
    private static Map<String, MappedField> fields;
    /** The fields of each data view's index, by data view id. */
    private static Map<String, Map<String, MappedField>> fieldsByView;

    record MappedField(String type, boolean insideNested) {}

    @BeforeAll
    static void load() throws IOException {
        objects = new ArrayList<>();
        String ndjson = new String(KibanaImporter.bundled(), StandardCharsets.UTF_8);
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                objects.add(JSON.readTree(line));
            }
        }
        fields = new HashMap<>();
        flatten(IndexTemplate.articles().mappings().path("properties"), "", false, fields);
        Map<String, MappedField> health = new HashMap<>();
        flatten(SourceHealthDocuments.mappings().path("properties"), "", false, health);
        fieldsByView = Map.of("newsflow-articles", fields, "newsflow-source-health", health,
                "newsflow-source-health-transitions", health);
    }

    private static void flatten(JsonNode properties, String prefix, boolean nested, Map<String, MappedField> fields) {
        properties.properties().forEach(entry -> {
            String path = prefix + entry.getKey();
            JsonNode mapping = entry.getValue();
            String type = mapping.path("type").asText("object");
            boolean inside = nested || type.equals("nested");
            fields.put(path, new MappedField(type, nested));
            mapping.path("fields").properties().forEach(sub ->
                    fields.put(path + "." + sub.getKey(), new MappedField(sub.getValue().path("type").asText(), nested)));
            if (mapping.has("properties")) {
                flatten(mapping.get("properties"), path + ".", inside, fields);
            }
        });
    }

    private static List<JsonNode> ofType(String type) {
        return objects.stream().filter(o -> o.path("type").asText().equals(type)).toList();
    }

    @Test
    void shouldHoldOneSavedObjectWithATypeIdAndTitlePerLine() {
        assertThat(objects).isNotEmpty().allSatisfy(object -> {
            assertThat(object.path("id").asText()).isNotBlank();
            assertThat(object.path("type").asText()).isIn("index-pattern", "lens", "search", "dashboard");
            assertThat(object.path("attributes").path("title").asText()).isNotBlank();
        });
        Set<String> ids = new HashSet<>();
        objects.forEach(o -> assertThat(ids.add(o.path("type").asText() + "/" + o.path("id").asText())).isTrue());
        assertThat(ofType("dashboard")).hasSize(1);
    }

    @Test
    void shouldPointEveryReferenceAtAnObjectInTheFile() {
        Set<String> present = new HashSet<>();
        objects.forEach(o -> present.add(o.path("type").asText() + "/" + o.path("id").asText()));
        List<String> dangling = new ArrayList<>();
        for (JsonNode object : objects) {
            for (JsonNode reference : object.path("references")) {
                String target = reference.path("type").asText() + "/" + reference.path("id").asText();
                if (!present.contains(target)) {
                    dangling.add(object.path("id").asText() + " -> " + target);
                }
            }
        }
        assertThat(dangling).isEmpty();
    }

    @Test
    void shouldGiveEveryDashboardPanelItsReference() throws IOException {
        JsonNode dashboard = ofType("dashboard").getFirst();
        JsonNode panels = JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText());
        Set<String> referenceNames = new HashSet<>();
        dashboard.path("references").forEach(r -> referenceNames.add(r.path("name").asText()));

        Set<String> panelNames = new HashSet<>();
        for (JsonNode panel : panels) {
            String name = panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText();
            panelNames.add(name);
            JsonNode reference = referenceNamed(dashboard, name);
            assertThat(reference).as("reference %s", name).isNotNull();
            assertThat(reference.path("type").asText()).isEqualTo(panel.path("type").asText());
            assertThat(panel.path("gridData").path("i").asText()).isEqualTo(panel.path("panelIndex").asText());
        }
        assertThat(panelNames).isEqualTo(referenceNames);
        assertThat(panels).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldPutTheSourceHealthViewsOnTheSinksHealthIndicesWithTheTimelineOnChangedAt() {
        Map<String, JsonNode> views = new HashMap<>();
        ofType("index-pattern").forEach(v -> views.put(v.path("id").asText(), v.path("attributes")));
        assertThat(views.get("newsflow-source-health").path("title").asText())
                .isEqualTo(SourceHealthIndexSettings.DEFAULT_INDEX);
        assertThat(views.get("newsflow-source-health").has("timeFieldName"))
                .as("current states are shown whatever the dashboard's time range").isFalse();
        JsonNode transitions = views.get("newsflow-source-health-transitions");
        assertThat(transitions.path("title").asText()).isEqualTo(SourceHealthIndexSettings.DEFAULT_TRANSITIONS_INDEX);
        assertThat(fieldsByView.get("newsflow-source-health-transitions").get(transitions.path("timeFieldName").asText()))
                .isEqualTo(new MappedField("date", false));
    }

    @Test
    void shouldPutTheDataViewOnTheArticlesAliasWithADateTimeField() {
        JsonNode view = ofType("index-pattern").getFirst();
        assertThat(view.path("attributes").path("title").asText()).isEqualTo("articles");
        String timeField = view.path("attributes").path("timeFieldName").asText();
        assertThat(fields.get(timeField)).isEqualTo(new MappedField("date", false));
    }

    @Test
    void shouldBuildEveryLensColumnOnAMappedFieldOfItsDataView() {
        List<String> problems = new ArrayList<>();
        for (JsonNode lens : ofType("lens")) {
            String title = lens.path("attributes").path("title").asText();
            JsonNode layers = lens.path("attributes").path("state").path("datasourceStates").path("formBased")
                    .path("layers");
            assertThat(layers.size()).as(title).isPositive();
            layers.properties().forEach(layer -> {
                JsonNode view = referenceNamed(lens, "indexpattern-datasource-layer-" + layer.getKey());
                if (view == null || !fieldsByView.containsKey(view.path("id").asText())) {
                    problems.add(title + ": layer " + layer.getKey() + " has no known data view reference");
                    return;
                }
                Map<String, MappedField> viewFields = fieldsByView.get(view.path("id").asText());
                Set<String> columnIds = new HashSet<>();
                layer.getValue().path("columns").properties().forEach(column -> {
                    columnIds.add(column.getKey());
                    String problem = checkColumn(column.getValue(), viewFields);
                    if (problem != null) {
                        problems.add(title + ": " + problem);
                    }
                });
                layer.getValue().path("columnOrder").forEach(id -> {
                    if (!columnIds.contains(id.asText())) {
                        problems.add(title + ": columnOrder names unknown column " + id.asText());
                    }
                });
                for (JsonNode visLayer : lens.path("attributes").path("state").path("visualization").path("layers")) {
                    List<String> used = new ArrayList<>();
                    visLayer.path("accessors").forEach(a -> used.add(a.asText()));
                    used.add(visLayer.path("xAccessor").asText());
                    if (visLayer.has("splitAccessor")) {
                        used.add(visLayer.path("splitAccessor").asText());
                    }
                    used.stream().filter(id -> !columnIds.contains(id))
                            .forEach(id -> problems.add(title + ": visualization uses unknown column " + id));
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    private static String checkColumn(JsonNode column) {
        return checkColumn(column, fields);
    }

    private static String checkColumn(JsonNode column, Map<String, MappedField> fields) {
        String operation = column.path("operationType").asText();
        String field = column.path("sourceField").asText();
        if (operation.equals("count") && field.equals("___records___")) {
            return null;
        }
        MappedField mapped = fields.get(field);
        if (mapped == null) {
            return operation + " on unmapped field " + field;
        }
        if (mapped.insideNested()) {
            return operation + " on " + field + ", inside a nested field Lens cannot aggregate";
        }
        boolean fits = switch (operation) {
            case "date_histogram" -> mapped.type().equals("date");
            case "terms" -> AGGREGATABLE_FOR_TERMS.contains(mapped.type());
            case "sum", "average", "min", "max", "median" -> NUMERIC.contains(mapped.type());
            case "count", "unique_count" -> !mapped.type().equals("text");
            default -> false;
        };
        return fits ? null : operation + " on " + field + " of type " + mapped.type();
    }

    @Test
    void shouldShowOnlyMappedFieldsInTheSavedSearchSortedByADate() throws IOException {
        JsonNode search = ofType("search").getFirst();
        JsonNode attributes = search.path("attributes");
        attributes.path("columns").forEach(c -> assertThat(fields).as("column %s", c.asText()).containsKey(c.asText()));
        String sortField = attributes.path("sort").get(0).get(0).asText();
        assertThat(fields.get(sortField).type()).isEqualTo("date");
        JsonNode source = JSON.readTree(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
        assertThat(referenceNamed(search, source.path("indexRefName").asText())).isNotNull();
    }

    @Test
    void shouldCatchAColumnOnAnUnmappedNestedOrTextField() throws IOException {
        JsonNode unmapped = JSON.readTree("{\"operationType\":\"terms\",\"sourceField\":\"speaker\"}");
        JsonNode nested = JSON.readTree("{\"operationType\":\"terms\",\"sourceField\":\"statements.act\"}");
        JsonNode text = JSON.readTree("{\"operationType\":\"terms\",\"sourceField\":\"title\"}");

        assertThat(checkColumn(unmapped)).contains("unmapped");
        assertThat(checkColumn(nested)).contains("nested");
        assertThat(checkColumn(text)).contains("type text");
    }

    private static JsonNode referenceNamed(JsonNode object, String name) {
        for (JsonNode reference : object.path("references")) {
            if (reference.path("name").asText().equals(name)) {
                return reference;
            }
        }
        return null;
    }
}
