package io.newsflow.enrich.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The golden set in {@code src/test/resources/golden/}: each page ({@code .txt} or {@code .html}) beside a
 * {@code .expected.yml} stating language, title, byline, credit, lead size, sections, exactly which lines go (and by
 * which rule), phrases that must stay and phrases that must not. {@link GoldenClassTable} scores them by class. See docs/enrich.md for the format.
 */
class GoldenCasesTest {

    static Path goldenDir() throws URISyntaxException {
        return Path.of(GoldenCasesTest.class.getResource("/golden").toURI());
    }

    static Stream<Path> cases() throws Exception {
        try (Stream<Path> files = Files.list(goldenDir())) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".expected.yml")).sorted().toList().stream();
        }
    }

    @Test
    void shouldHoldAtLeast25PagesOfBothFormatsAndLanguages() throws Exception {
        List<String> names = cases().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(25);
        assertThat(names).anyMatch(n -> n.endsWith(".txt")).anyMatch(n -> n.endsWith(".html"));
        assertThat(names).anyMatch(n -> n.startsWith("id-")).anyMatch(n -> n.startsWith("en-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldCleanEachPageToItsStatedFacts(Path page) throws IOException {
        String name = page.getFileName().toString();
        Path expectedFile = page.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.yml");
        Map<String, Object> expected;
        try (InputStream in = Files.newInputStream(expectedFile)) {
            expected = new Yaml().load(in);
        }
        CleanResult result = TestCleaner.get().clean(ArticleInput.ofBytes(name, null, Files.readAllBytes(page), Instant.EPOCH));
        assertThat(result).as(name).isInstanceOf(CleanResult.Cleaned.class);
        CleanedArticle article = ((CleanResult.Cleaned) result).article();

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(article.language()).as("language").isEqualTo(expected.get("language"));
        soft.assertThat(article.title()).as("title").isEqualTo(expected.get("title"));
        soft.assertThat(article.credit()).as("credit").isEqualTo(expected.get("credit"));
        if (expected.containsKey("byline")) {
            soft.assertThat(article.byline()).as("byline").isEqualTo(expected.get("byline"));
        }
        soft.assertThat(article.body().lead()).as("lead blocks").hasSize((Integer) expected.get("lead"));
        if (expected.containsKey("sections")) {
            List<String> headings = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (Object s : (List<?>) expected.get("sections")) {
                Map<?, ?> section = (Map<?, ?>) s;
                headings.add((String) section.get("heading"));
                counts.add((Integer) section.get("blocks"));
            }
            soft.assertThat(article.body().sections()).as("headings").extracting(Section::heading).containsExactlyElementsOf(headings);
            soft.assertThat(article.body().sections()).as("blocks per section").extracting(s -> s.blocks().size()).containsExactlyElementsOf(counts);
        }
        List<SpamRemoval> wanted = new ArrayList<>();
        for (Object r : (List<?>) expected.get("spam_removed")) {
            Map<?, ?> removal = (Map<?, ?>) r;
            wanted.add(new SpamRemoval((String) removal.get("text"), (String) removal.get("rule"), 1));
        }
        soft.assertThat(article.spamRemoved()).as("lines removed, with their rules").containsExactlyElementsOf(wanted);
        for (SpamRemoval removal : article.spamRemoved()) {
            soft.assertThat(article.text()).as("removed line still in text").doesNotContain(removal.text());
        }
        for (Object keep : (List<?>) expected.getOrDefault("keeps", List.of())) {
            soft.assertThat(article.text() + "\n" + article.byline()).as("kept phrase").contains((String) keep);
        }
        for (Object drop : (List<?>) expected.getOrDefault("drops", List.of())) {
            soft.assertThat(article.text()).as("dropped phrase").doesNotContain((String) drop);
        }
        soft.assertAll();
    }
}
