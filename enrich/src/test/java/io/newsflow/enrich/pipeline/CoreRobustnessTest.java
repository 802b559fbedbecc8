package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.Degradation;
import io.newsflow.enrich.core.Statement;
import io.newsflow.enrich.core.TestCleaner;
import io.newsflow.stack.junit.SharedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The cleaning core never throws, and no stage fails (a stage that throws would be hidden as a degradation): on every
 * file of the shared fixtures, on generated tag soup and text, on fixture pages mutated, and on the inputs that once
 * crashed the statement tagger. jqwik runs the properties; the fixture files are one property over their list.
 */
class CoreRobustnessTest {
    /** Words 1: the tagger and every later stage see even the smallest pages. A budget no page here comes near. */
    private static final ArticleCleaner CLEANER =
            TestCleaner.with(1, new CleaningLimits(CleaningLimits.DEFAULT_MAX_PAGE_BYTES, CleaningLimits.DEFAULT_MAX_ELEMENTS,
                    Duration.ofMinutes(5)), List.of(), System::nanoTime);
    private static List<Path> fixtureFiles;
    private static List<String> fixturePages;

    @BeforeContainer
    static void readFixtures() throws IOException {
        try (Stream<Path> files = Files.walk(SharedFolder.path("fixtures"))) {
            fixtureFiles = files.filter(Files::isRegularFile).sorted().toList();
        }
        fixturePages = fixtureFiles.stream()
                .filter(f -> f.getFileName().toString().endsWith(".html"))
                .map(CoreRobustnessTest::read)
                .toList();
        assertThat(fixtureFiles).as("the shared fixtures").hasSizeGreaterThan(200);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cleansWithoutAFailure(String name, String contentType, byte[] body) {
        CleanResult result = CLEANER.clean(ArticleInput.ofBytes(name, contentType, body, Instant.EPOCH));
        if (result instanceof CleanResult.Cleaned cleaned) {
            assertThat(cleaned.article().degraded()).as("stages that failed on " + name)
                    .noneMatch(d -> d.cause() == Degradation.Cause.FAILED);
            for (Statement s : cleaned.article().statements()) {
                String block = cleaned.article().body().blocksOf(s.section()).get(s.block()).text();
                assertThat(block.substring(s.start(), s.end())).isEqualTo(s.text());
            }
        }
    }

    @Example
    void shouldCleanEveryFixtureFileWithoutAFailure() throws IOException {
        for (Path file : fixtureFiles) {
            byte[] body = Files.readAllBytes(file);
            // HTML as declared; anything else (feeds, texts, archives) sniffed, as for a page without a content type
            cleansWithoutAFailure(file.toString(), file.toString().endsWith(".html") ? "text/html" : null, body);
        }
    }

    @Property(tries = 1200, shrinking = ShrinkingMode.BOUNDED)
    void shouldCleanGeneratedPagesWithoutAFailure(@ForAll("pages") String page, @ForAll("contentTypes") String contentType) {
        cleansWithoutAFailure("https://example.org/generated", contentType, page.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void shouldCleanMutatedFixturePagesWithoutAFailure(@ForAll("mutatedFixturePages") String page) {
        cleansWithoutAFailure("https://example.org/mutated", "text/html", page.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 4000, shrinking = ShrinkingMode.BOUNDED)
    void shouldTagAnyTextWithinItsBlocks(@ForAll("paragraphs") List<String> paragraphs, @ForAll("languages") String language) {
        ArticleBody body = new ArticleBody("Judul", paragraphs.stream().map(Block::paragraph).toList(), List.of());
        for (Statement s : TestCleaner.tagger().tag(body, language)) {
            String block = body.lead().get(s.block()).text();
            assertThat(s.start()).isLessThan(s.end());
            assertThat(block.substring(s.start(), s.end())).isEqualTo(s.text());
        }
    }

    @Example
    void shouldCleanTheInputsThatOnceCrashedTheTagger() {
        for (String text : List.of("Judul Berita\n\nMenurut Anita, ditolak Agung.\n",
                "Title\n\nThe sky was clear. “We will not stop,” said Smith, but the plan was rejected by Jones.\n")) {
            CleanResult result = CLEANER.clean(ArticleInput.ofBytes("crash.txt", "text/plain",
                    text.getBytes(StandardCharsets.UTF_8), Instant.EPOCH));
            assertThat(result).isInstanceOf(CleanResult.Cleaned.class);
            assertThat(((CleanResult.Cleaned) result).article().degraded()).isEmpty();
            assertThat(((CleanResult.Cleaned) result).article().statements()).hasSize(2);
        }
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("text/html", "text/plain", null);
    }

    @Provide
    Arbitrary<String> languages() {
        return Arbitraries.of("id", "en", "ms", null);
    }

    // ---- generators ----

    private static final List<String> CUES = List.of("said", "says", "told Reuters", "according to", "was rejected by",
            "denied", "warned that", "added:", "kata", "katanya", "menurut", "ditolak", "dibantah oleh", "mengatakan",
            "menambahkan,", "ujar", "tegasnya", "ia menegaskan bahwa", "he said", "she added", "they insisted");
    private static final List<String> NAMES = List.of("Anita", "Agung", "Smith", "Jones", "Presiden Joko Widodo",
            "the minister", "Kremlin", "Reuters", "AFP", "Dr. R. Biden", "U.S.", "PBB", "Menteri Luar Negeri Retno");
    private static final List<String> MARKS = List.of("“", "”", "\"", "'", "‘", "’", "«", "»", "„", ",", ".", ":", ";",
            "—", "–", "-", "(", ")", "...", "?", "!", "\u00ad", "\u200b", "\u200f", "\u202e", "\n", " ", "  ");
    private static final List<String> TAGS = List.of("<p>", "</p>", "<div>", "</div>", "<article>", "</article>",
            "<h1>", "</h1>", "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<li>", "<ul>", "</ul>", "<br>", "<br/>",
            "<span style=\"display:none\">", "</span>", "<a href=\"/x\">", "</a>", "<script>", "</script>", "<!--", "-->",
            "<table><tr><td>", "</td></tr></table>", "<p", "<", ">", "&amp;", "&nbsp;", "&#x202E;", "&", "<![CDATA[",
            "<title>", "</title>", "<meta charset=\"utf-8\">", "<html lang=\"ar\">", "<body>");

    /** Letters from scripts written right to left and left to right, combining marks, surrogates, emoji. */
    private static Arbitrary<String> unicodeWord() {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('\u0600', '\u06ff')
                .withCharRange('\u05d0', '\u05ea').withCharRange('\u0300', '\u036f').withCharRange('\u4e00', '\u4e20')
                .withChars('\u00ad', '\u200d', '\ufeff', '\ud83d', '\ude00', 'İ', 'ß', 'ǅ')
                .ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<String> token() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, unicodeWord()),
                Tuple.of(3, Arbitraries.of(CUES)),
                Tuple.of(3, Arbitraries.of(NAMES)),
                Tuple.of(6, Arbitraries.of(MARKS)));
    }

    @Provide
    Arbitrary<List<String>> paragraphs() {
        Arbitrary<String> paragraph = token().list().ofMaxSize(60).map(t -> String.join(" ", t).strip())
                .filter(p -> !p.isEmpty());
        return paragraph.list().ofMinSize(1).ofMaxSize(6);
    }

    private static Arbitrary<String> soup() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, token()),
                Tuple.of(3, Arbitraries.of(TAGS)),
                Tuple.of(1, Arbitraries.integers().between(1, 3000).map(n -> "<div>".repeat(n))),
                Tuple.of(1, Arbitraries.integers().between(1, 50_000)
                        .map(n -> "<p title=\"" + "x".repeat(n) + "\">")),
                Tuple.of(1, Arbitraries.integers().between(1, 400).map(n -> "<i><b>".repeat(n))));
        return piece.list().ofMaxSize(120).map(p -> String.join(" ", p));
    }

    @Provide
    Arbitrary<String> pages() {
        Arbitrary<String> page = Arbitraries.oneOf(
                soup(),
                soup().map(s -> "<html><head><title>T</title></head><body><article>" + s + "</article></body></html>"),
                paragraphs().map(p -> "Judul\n\n" + String.join("\n\n", p)));
        return Combinators.combine(page, Arbitraries.doubles().between(0, 1), Arbitraries.of(true, false))
                .as((p, cut, truncate) -> truncate ? p.substring(0, (int) (p.length() * cut)) : p);
    }

    @Provide
    Arbitrary<String> mutatedFixturePages() {
        Arbitrary<String> fixture = Arbitraries.of(fixturePages);
        return Combinators.combine(fixture, Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(0, 4), soup())
                .as((page, a, b, kind, insert) -> {
                    int i = (int) (page.length() * Math.min(a, b));
                    int j = (int) (page.length() * Math.max(a, b));
                    return switch (kind) {
                        case 0 -> page.substring(0, j); // truncated
                        case 1 -> page.substring(0, i) + insert + page.substring(i); // soup inserted
                        case 2 -> page.substring(0, i) + page.substring(j); // a range lost
                        case 3 -> page.substring(0, j) + page.substring(i); // a range repeated
                        default -> page.replace('"', '“').replace('\'', '”').replace('>', '»'); // quotes in odd places
                    };
                });
    }
}
