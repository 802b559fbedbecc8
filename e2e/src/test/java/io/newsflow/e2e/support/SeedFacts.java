package io.newsflow.e2e.support;

import io.newsflow.stack.junit.SharedFolder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * What cleaning the seed article must yield, read from {@code samples/geneva-talks.expected.yaml} so that the facts
 * live in one place and the tests never restate them.
 */
public record SeedFacts(
        String language,
        String title,
        String credit,
        List<String> spamRemoved,
        int leadParagraphs,
        List<SectionFact> sections,
        List<StatementFact> statements) {

    public static final String TEXT = "samples/geneva-talks.id.txt";
    public static final String EXPECTED = "samples/geneva-talks.expected.yaml";

    public record SectionFact(String heading, int blocks) {}

    /** One attributed statement; {@code role} and {@code via} are null when the file does not state them. */
    public record StatementFact(String section, String speaker, String role, String act, String via,
            List<String> quotes) {}

    public static SeedFacts load() {
        return load(SharedFolder.path(EXPECTED));
    }

    @SuppressWarnings("unchecked")
    static SeedFacts load(Path file) {
        Map<String, Object> yaml;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            yaml = new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        List<SectionFact> sections = ((List<Map<String, Object>>) yaml.get("sections")).stream()
                .map(s -> new SectionFact((String) s.get("heading"), (Integer) s.get("blocks")))
                .toList();
        List<StatementFact> statements = ((List<Map<String, Object>>) yaml.get("statements")).stream()
                .map(s -> new StatementFact((String) s.get("section"), (String) s.get("speaker"),
                        (String) s.get("role"), (String) s.get("act"), (String) s.get("via"),
                        List.copyOf((List<String>) s.getOrDefault("quotes", List.of()))))
                .toList();
        return new SeedFacts((String) yaml.get("language"), (String) yaml.get("title"), (String) yaml.get("credit"),
                List.copyOf((List<String>) yaml.get("spam_removed")), (Integer) yaml.get("lead_paragraphs"),
                sections, statements);
    }

    /** The position of a section in the article, as {@code statements.section} counts it. */
    public int sectionIndex(String heading) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).heading().equals(heading)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the seed facts name no section '" + heading + "'");
    }

    public List<String> headings() {
        return sections.stream().map(SectionFact::heading).toList();
    }
}
