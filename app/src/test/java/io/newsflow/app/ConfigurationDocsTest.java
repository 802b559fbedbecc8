package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's settings tables (and those other docs embed) are generated from the declarations
 * ({@link SettingsReference}); this test fails when a doc differs, and {@code -Dnewsflow.docs.write=true} rewrites
 * the tables between a doc's {@code <!-- settings:NAME -->} and {@code <!-- /settings:NAME -->} markers (the prose
 * around them stays).
 */
class ConfigurationDocsTest {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- settings:([a-z-]+) -->\n.*?<!-- /settings:\\1 -->", Pattern.DOTALL);

    @Test
    void shouldDocumentEverySettingAsDeclared() throws IOException {
        List<Path> docs;
        try (var files = Files.list(configurationDoc().getParent())) {
            docs = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        for (Path doc : docs) {
            String generated = withGeneratedTables(Files.readString(doc, StandardCharsets.UTF_8));
            if (Boolean.getBoolean("newsflow.docs.write")) {
                Files.writeString(doc, generated, StandardCharsets.UTF_8);
            }

            assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                    .as("docs/" + doc.getFileName() + " differs from the declarations; regenerate it with"
                            + " ./mvnw -pl app -am test -Dtest=ConfigurationDocsTest -Dnewsflow.docs.write=true"
                            + " -Dsurefire.failIfNoSpecifiedTests=false")
                    .isEqualTo(generated);
        }
    }

    @Test
    void shouldHaveOneMarkerInTheDocForEveryGroupOfSections() throws IOException {
        Matcher blocks = BLOCK.matcher(Files.readString(configurationDoc(), StandardCharsets.UTF_8));
        List<String> markers = blocks.results().map(m -> m.group(1)).toList();

        assertThat(markers).containsExactlyElementsOf(SettingsReference.groups().keySet());
    }

    @Test
    void shouldBindEveryDeclaredSetting() {
        // every declared key written (empty, so its default applies): a key no binder reads would be "unknown"
        ConfigSource source = ConfigSource.parse(yamlOfEveryKey(), "every-key.yml", Map.of());

        PipelineSettings.bind(source, null, Map.of());

        assertThat(source.problems()).isEmpty();
    }

    @Test
    void shouldDeclareEachSettingOnce() {
        List<String> paths = SettingsReference.sections().stream()
                .flatMap(section -> section.settings().stream().map(s -> section.path() + "." + s.key()))
                .toList();

        assertThat(paths).doesNotHaveDuplicates().hasSizeGreaterThan(80);
    }

    private static String withGeneratedTables(String doc) {
        Map<String, List<SettingsSection>> groups = SettingsReference.groups();
        return BLOCK.matcher(doc).replaceAll(block -> {
            List<SettingsSection> sections = groups.get(block.group(1));
            String table = sections == null ? "(no such group of settings)" : SettingsSection.markdownTable(sections);
            return Matcher.quoteReplacement("<!-- settings:" + block.group(1) + " -->\n" + table + "\n<!-- /settings:"
                    + block.group(1) + " -->");
        });
    }

    @SuppressWarnings("unchecked")
    private static String yamlOfEveryKey() {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (SettingsSection section : SettingsReference.sections()) {
            Map<String, Object> node = tree;
            for (String key : section.path().split("\\.")) {
                node = (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
            }
            for (Setting<?> setting : section.settings()) {
                node.put(setting.key(), null);
            }
        }
        StringBuilder yaml = new StringBuilder();
        write(tree, "", yaml);
        return yaml.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> node, String indent, StringBuilder yaml) {
        node.forEach((key, value) -> {
            if (value instanceof Map<?, ?> child) {
                yaml.append(indent).append(key).append(":\n");
                write((Map<String, Object>) child, indent + "  ", yaml);
            } else {
                yaml.append(indent).append(key).append(": ~\n");
            }
        });
    }

    private static Path configurationDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/configuration.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new IllegalStateException("no docs/configuration.md above " + Path.of("").toAbsolutePath());
    }
}
