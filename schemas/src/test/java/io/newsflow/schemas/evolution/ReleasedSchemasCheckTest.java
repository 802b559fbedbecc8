package io.newsflow.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BACKWARD check on deliberate changes to copies of the real contract (released v1 = today's files). */
class ReleasedSchemasCheckTest {
    private static final String WORD_COUNT = "{\"name\": \"wordCount\", \"type\": \"int\"}";

    @TempDir
    Path dir;
    private Path current;
    private Path released;

    @BeforeEach
    void copyTheContract() throws IOException {
        current = Files.createDirectories(dir.resolve("avro"));
        released = dir.resolve("released");
        Path v1 = Files.createDirectories(released.resolve("v1"));
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            for (Path avsc : files.filter(p -> p.toString().endsWith(".avsc")).toList()) {
                Files.copy(avsc, current.resolve(avsc.getFileName()));
                Files.copy(avsc, v1.resolve(avsc.getFileName()));
            }
        }
    }

    @Test
    void shouldAcceptTheUnchangedContract() {
        assertThat(ReleasedSchemasCheck.problems(current, released)).isEmpty();
    }

    @Test
    void shouldAcceptANewFieldWithDefault() throws IOException {
        edit("CleanArticle.avsc", WORD_COUNT,
                WORD_COUNT + ", {\"name\": \"summary\", \"type\": [\"null\", \"string\"], \"default\": null}");

        assertThat(ReleasedSchemasCheck.problems(current, released)).isEmpty();
    }

    @Test
    void shouldRejectANewFieldWithoutDefault() throws IOException {
        edit("CleanArticle.avsc", WORD_COUNT, WORD_COUNT + ", {\"name\": \"summary\", \"type\": \"string\"}");

        assertThat(ReleasedSchemasCheck.problems(current, released)).containsExactly(
                "CleanArticle.avsc cannot read data written with released v1/CleanArticle.avsc (BACKWARD): field"
                        + " summary: is new and has no default, so data written without it cannot be read (give it"
                        + " a default)");
    }

    @Test
    void shouldNameTheNestedFieldThatLacksADefault() throws IOException {
        edit("CleanArticle.avsc", "{\"name\": \"ruleVersion\", \"type\": \"int\", \"default\": 1}",
                "{\"name\": \"ruleVersion\", \"type\": \"int\", \"default\": 1}, {\"name\": \"score\", \"type\": \"float\"}");

        assertThat(ReleasedSchemasCheck.problems(current, released)).singleElement().asString()
                .contains("field spamRemoved[].score: is new and has no default");
    }

    @Test
    void shouldNameAFieldInsideANullableRecord() throws IOException {
        edit("CleanArticle.avsc", "\"doc\": \"Role or title as written.\"}",
                "\"doc\": \"Role or title as written.\"}, {\"name\": \"party\", \"type\": \"string\"}");

        assertThat(ReleasedSchemasCheck.problems(current, released)).singleElement().asString()
                .contains("field statements[].speaker.party: is new and has no default");
    }

    @Test
    void shouldRejectARemovedSymbolOfAnEnumWithDefault() throws IOException {
        edit("CleanArticle.avsc", "\"REJECT\", ", "");

        assertThat(ReleasedSchemasCheck.problems(current, released)).containsExactly(
                "CleanArticle.avsc cannot read data written with released v1/CleanArticle.avsc (BACKWARD): field"
                        + " statements[].act: enum symbols [REJECT] were removed, so data that uses them would read"
                        + " as the enum's default (keep them)");
    }

    @Test
    void shouldRejectARemovedSymbolOfAnEnumWithoutDefault() throws IOException {
        edit("DeadLetter.avsc", "\"ENRICH\", \"SINK\"", "\"ENRICH\"");

        assertThat(ReleasedSchemasCheck.problems(current, released)).singleElement().asString()
                .startsWith("DeadLetter.avsc cannot read data written with released v1/DeadLetter.avsc (BACKWARD):")
                .contains("field stage: enum symbols [SINK] were removed");
    }

    @Test
    void shouldRejectAChangedFieldType() throws IOException {
        edit("CleanArticle.avsc", WORD_COUNT, "{\"name\": \"wordCount\", \"type\": \"string\"}");

        assertThat(ReleasedSchemasCheck.problems(current, released)).singleElement().asString()
                .contains("field wordCount: reader type: STRING not compatible with writer type: INT");
    }

    @Test
    void shouldRejectARemovedSchema() throws IOException {
        Files.delete(current.resolve("RawArticle.avsc"));

        List<String> problems = ReleasedSchemasCheck.problems(current, released);

        assertThat(problems).singleElement().asString()
                .contains("RawArticle.avsc was released in v1/RawArticle.avsc but is gone");
    }

    @Test
    void shouldCheckEveryReleaseNotOnlyTheLatest() throws IOException {
        Path v2 = Files.createDirectories(released.resolve("v2"));
        edit("DeadLetter.avsc", "\"ENRICH\", \"SINK\"", "\"ENRICH\"");
        Files.copy(current.resolve("DeadLetter.avsc"), v2.resolve("DeadLetter.avsc"));

        assertThat(ReleasedSchemasCheck.problems(current, released)).singleElement().asString()
                .contains("released v1/DeadLetter.avsc");
    }

    @Test
    void shouldNameAFileThatIsNotAnAvroSchema() throws IOException {
        Files.writeString(current.resolve("CleanArticle.avsc"), "{\"type\": \"record\"");

        assertThatThrownBy(() -> ReleasedSchemasCheck.problems(current, released))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CleanArticle.avsc is not a valid Avro schema");
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = current.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as("the test's edit target in %s", file).contains(from);
        Files.writeString(path, text.replace(from, to));
    }
}
