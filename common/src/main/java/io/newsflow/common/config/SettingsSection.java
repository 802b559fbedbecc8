package io.newsflow.common.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The declarations of one section of the YAML file ({@code ingest.fetch}), in the order the docs list them.
 *
 * @param path the section's dotted path from the top of the file
 * @param settings its settings, each declared once by the class that binds them
 */
public record SettingsSection(String path, List<Setting<?>> settings) {
    public SettingsSection {
        settings = List.copyOf(settings);
    }

    public static SettingsSection of(String path, Setting<?>... settings) {
        return new SettingsSection(path, List.of(settings));
    }

    /** This section of {@code root}, absent sections reading as empty. */
    public ConfigNode node(ConfigNode root) {
        ConfigNode node = root;
        for (String key : path.split("\\.")) {
            node = node.section(key);
        }
        return node;
    }

    /** One Markdown table row per setting: path, default, allowed values, meaning. */
    public List<String> markdownRows() {
        return settings.stream()
                .map(s -> "| `" + path + "." + s.key() + "` | " + s.defaultText() + " | " + s.allowed() + " | "
                        + s.doc() + " |")
                .toList();
    }

    /** The header of the tables {@link #markdownRows()} fill. */
    public static String markdownHeader() {
        return "| setting | default | allowed | meaning |\n|---|---|---|---|";
    }

    /** A whole table of these sections' settings. */
    public static String markdownTable(List<SettingsSection> sections) {
        return markdownHeader() + "\n" + sections.stream().flatMap(s -> s.markdownRows().stream())
                .collect(Collectors.joining("\n"));
    }
}
