package io.newsflow.app.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repo's docker-compose.yml and parent pom, read for the tests that hold them to the code. */
final class ComposeFile {

    static final Path REPO = Path.of("..");
    static final Path COMPOSE = REPO.resolve("docker-compose.yml");

    private final Map<String, Object> document;

    private ComposeFile(Map<String, Object> document) {
        this.document = document;
    }

    /** Parses the file the way compose does, YAML merge keys ({@code <<: *anchor}) included. */
    static ComposeFile read() throws IOException {
        try (Reader in = Files.newBufferedReader(COMPOSE, StandardCharsets.UTF_8)) {
            return new ComposeFile(new Yaml(new LoaderOptions()).load(in));
        }
    }

    Map<String, Object> services() {
        return map(document.get("services"));
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        if (service.isEmpty()) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    /** A service's environment as strings (compose accepts numbers and booleans there and passes their text). */
    Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object raw = service(name).get("environment");
        if (raw instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> environment.put(String.valueOf(key), String.valueOf(value)));
        } else if (raw instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            }
        }
        return environment;
    }

    /** {@code "9092:9092"} entries of a service's {@code ports}. */
    List<String> ports(String name) {
        Object ports = service(name).get("ports");
        return ports instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    String image(String name) {
        return String.valueOf(service(name).get("image"));
    }

    /** The healthcheck's command as one string. */
    String healthcheck(String name) {
        Object test = map(service(name).get("healthcheck")).get("test");
        return test instanceof List<?> parts ? String.join(" ", parts.stream().map(String::valueOf).toList())
                : String.valueOf(test);
    }

    Map<String, Object> dependsOn(String name) {
        return map(service(name).get("depends_on"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The parent pom's {@code <module>} entries. */
    static List<String> pomModules() throws Exception {
        var nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPO.resolve("pom.xml").toFile())
                .getElementsByTagName("module");
        List<String> modules = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().strip());
        }
        return modules;
    }

    /** A property of the parent pom's {@code <properties>}, such as {@code kafka.version}. */
    static String pomProperty(String name) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPO.resolve("pom.xml").toFile());
        var nodes = pom.getElementsByTagName(name);
        if (nodes.getLength() == 0) {
            throw new AssertionError("the parent pom has no property " + name);
        }
        return nodes.item(0).getTextContent().strip();
    }
}
