package io.newsflow.enrich.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The clean article pages of the extraction fixtures go through the whole core without losing a line to a rule. */
@DisplayName("Clean fixture pages")
class FixturePagesTest {

    static Stream<Path> pages() throws IOException {
        Path extraction = SharedFixtures.file("fixtures/extraction");
        Stream<Path> readability;
        try (Stream<Path> dirs = Files.list(extraction.resolve("mozilla-readability"))) {
            readability = dirs.map(d -> d.resolve("source.html")).filter(Files::exists).sorted().toList().stream();
        }
        Stream<Path> scrapinghub;
        try (Stream<Path> files = Files.list(extraction.resolve("scrapinghub-aeb/html"))) {
            scrapinghub = files.filter(f -> f.toString().endsWith(".html")).sorted().toList().stream();
        }
        return Stream.concat(readability, scrapinghub);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    @DisplayName("have no line removed as spam or boilerplate")
    void noRemovalsOnCleanPages(Path page) throws IOException {
        CleanResult result = TestCleaner.get().clean(
                ArticleInput.ofBytes(page.toString(), "text/html", Files.readAllBytes(page), Instant.EPOCH));
        if (result instanceof CleanResult.Cleaned cleaned) {
            assertThat(cleaned.article().spamRemoved()).as(page.toString()).isEmpty();
        } else {
            assertThat(result).as("every fixture page is an article: " + page).isInstanceOf(CleanResult.Cleaned.class);
        }
    }
}
