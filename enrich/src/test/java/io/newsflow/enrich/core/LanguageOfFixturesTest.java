package io.newsflow.enrich.core;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The language told for each Readability fixture page whose metadata names one (cs, pt, de, fr, zh, en...). */
class LanguageOfFixturesTest {

    static Stream<Path> pagesWithLanguage() throws IOException {
        Path root = SharedFolder.path("fixtures/extraction/mozilla-readability");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.exists(d.resolve("expected-metadata.json")))
                    .filter(d -> !d.getFileName().toString().equals("hidden-nodes")) // lorem ipsum: Latin, not English
                    .filter(d -> declared(d) != null)
                    .sorted().toList().stream();
        }
    }

    static String declared(Path dir) {
        try {
            JsonNode lang = new ObjectMapper().readTree(dir.resolve("expected-metadata.json").toFile()).get("lang");
            return lang == null || lang.isNull() ? null : lang.asText().split("-")[0].toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pagesWithLanguage")
    void shouldTellEachPagesLanguageAsItsMetadataDeclares(Path dir) throws IOException {
        CleanResult result = TestCleaner.get().clean(ArticleInput.ofBytes(dir.toString(), "text/html",
                Files.readAllBytes(dir.resolve("source.html")), Instant.EPOCH));
        assertThat(result).isInstanceOf(CleanResult.Cleaned.class);
        assertThat(((CleanResult.Cleaned) result).article().language()).isEqualTo(declared(dir));
    }
}
