package io.newsflow.enrich.core;

import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The clean article pages of the extraction fixtures go through the whole core: not one line is taken as spam, and a
 * line taken as boilerplate is either absent from the page's ground truth (the article text a person marked) or one
 * of the cross-links listed here, which the ground truth keeps but the enricher removes on purpose ("Related: ...",
 * "Read more:"). A new boilerplate removal of article text fails the test.
 */
class FixturePagesTest {
    /** Cross-link lines that Readability's ground truth keeps and the boilerplate rules remove, by fixture folder. */
    private static final Map<String, List<String>> CROSS_LINKS_IN_GROUND_TRUTH = Map.of(
            "cnn", List.of("Related: Rich are paying more in taxes but not as much as they used to",
                    "Related: Chicago is America's most segregated city"),
            "wapo-1", List.of("Read more:"));

    static Stream<Path> pages() throws IOException {
        Path extraction = SharedFolder.path("fixtures/extraction");
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
    void shouldLoseNoLineAsSpam(Path page) throws IOException {
        CleanResult result = TestCleaner.get().clean(
                ArticleInput.ofBytes(page.toString(), "text/html", Files.readAllBytes(page), Instant.EPOCH));
        String truth = squash(groundTruth(page));
        if (Words.count(truth) < ArticleCleaner.DEFAULT_MIN_WORDS) {
            // A behaviour fixture with (almost) no article, such as 005-unescape-html-entities ("Test").
            assertThat(result).as("a page without an article is rejected: " + page).isInstanceOf(CleanResult.Rejected.class);
            return;
        }
        assertThat(result).as("every fixture page with an article is cleaned: " + page).isInstanceOf(CleanResult.Cleaned.class);
        CleanedArticle article = ((CleanResult.Cleaned) result).article();
        List<String> allowed = CROSS_LINKS_IN_GROUND_TRUTH.getOrDefault(page.getParent().getFileName().toString(), List.of());
        for (SpamRemoval removal : article.spamRemoved()) {
            assertThat(removal.rule()).as("spam rule fired on a clean page: " + removal).startsWith("boilerplate-");
            if (!allowed.contains(removal.text())) {
                assertThat(truth).as("boilerplate rule took a line of the article: " + removal)
                        .doesNotContain(squash(removal.text()));
            }
        }
    }

    private static String groundTruth(Path page) throws IOException {
        String name = page.getFileName().toString();
        if (name.equals("source.html")) {
            return Jsoup.parse(Files.readString(page.resolveSibling("expected.html"))).text();
        }
        return Files.readString(page.resolveSibling(name.replace(".html", ".expected.txt")));
    }

    private static String squash(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
