package io.newsflow.enrich.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedPage;
import io.newsflow.enrich.core.extract.HtmlExtractor;
import io.newsflow.stack.junit.SharedFolder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The words a rule's pattern is checked for before it runs must be words every match holds: a line without them is
 * one the pattern cannot match, or the guard would change what the rules remove.
 */
class GuardedPatternTest {
    /** Patterns beyond the built-in ones, for constructs the built-in file does not use. */
    private static final List<String> MORE_PATTERNS = List.of("colou?r\\s+(?:red|blue)", "(?iu)kelvin\\b",
            "(?i)long\\s+(?<what>story|read)", "(?:news)+letters?", "x{2,}yz|abc\\d", "(?=.*promo)code\\w+",
            "(?:extremely\\s+)?big\\s+news", "colou*r\\s+sky", "(?iu)\\bask\\s+(us|me)\\b");

    @Test
    void shouldFindTheWordsEveryMatchHolds() {
        assertThat(words("\\bscroll\\s+(to|down\\s+to)\\s+(continue|resume)\\b")).containsExactly("scroll");
        assertThat(words("^(baca|lihat|simak|tonton)\\s+ya")).containsExactly("baca", "lihat", "simak", "tonton");
        assertThat(words("^(baca|lihat|cek)\\s+juga")).as("the longer requirement").containsExactly("juga");
        assertThat(words("(?-i:\\bADVERTISEMENT\\b)")).containsExactly("advertisement");
        assertThat(words("^(tags?|topics)\\s*:.*$")).containsExactly("tag", "topics");
        assertThat(words("\\[gambas:[^\\]\\n]*\\]")).containsExactly("gambas");
        assertThat(words("colou?r")).containsExactly("colo");
        assertThat(words("^about (?!\\d)(?!(the|a)\\b)\\S.*$")).containsExactly("about");
    }

    @Test
    void shouldRunAPatternItCannotReadOnEveryLine() {
        for (String unread : List.of("(?x) s c r o l l", "\\Qscroll\\E", "(ab)c\\1scroll", "[[a-z]]scroll",
                "[a-z&&[^b]]scroll", "scroll|to", "(scroll)?", "\\0101scroll", "ab", "(?<n>x)\\k<n>scroll")) {
            GuardedPattern pattern = GuardedPattern.of(Pattern.compile(unread));
            assertThat(pattern.anyOf()).as(unread).isEmpty();
            assertThat(pattern.mayMatch("nothing here")).as(unread).isTrue();
        }
        assertThat(GuardedPattern.of(Pattern.compile("scroll", Pattern.COMMENTS)).anyOf()).isEmpty();
    }

    @Test
    void shouldSkipALineWithoutTheWords() {
        GuardedPattern pattern = GuardedPattern.of(Pattern.compile("\\bscroll\\s+to\\s+continue\\b",
                Pattern.CASE_INSENSITIVE));
        assertThat(pattern.mayMatch(GuardedPattern.fold("Kata dia, SCROLL TO CONTINUE"))).isTrue();
        assertThat(pattern.mayMatch(GuardedPattern.fold("Kata dia, lanjutkan membaca"))).isFalse();
    }

    @Test
    void shouldFoldCaseAsUnicodeCaseInsensitiveMatchingDoes() {
        // The long s and the Kelvin sign match "s" and "k" case-insensitively with Unicode case.
        assertThat(GuardedPattern.fold("\u017fCROLL \u212aELVIN")).isEqualTo("scroll kelvin");
        assertThat(Pattern.compile("scroll kelvin", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher("\u017fCROLL \u212aELVIN").matches()).isTrue();
    }

    @Test
    void shouldGiveEveryBuiltInPatternWords() {
        assertThat(builtInPatterns()).isNotEmpty().allSatisfy(p -> assertThat(p.anyOf()).as(p.pattern().pattern())
                .isNotEmpty());
    }

    @Property(tries = 3000)
    @Label("a line a pattern finds something in always holds one of the pattern's words")
    void shouldNeverSkipALineThePatternMatches(@ForAll("probes") Probe probe) {
        if (probe.pattern().pattern().matcher(probe.line()).find()) {
            assertThat(probe.pattern().mayMatch(GuardedPattern.fold(probe.line())))
                    .as(probe.pattern().pattern() + " in " + probe.line()).isTrue();
        }
    }

    @Test
    void shouldNeverSkipALineOfThePatternsOwnWordsThatItMatches() {
        int matched = 0;
        for (GuardedPattern pattern : allPatterns()) {
            List<String> words = sourceWords(pattern);
            // Every choice of the source's words, in order, one space apart: the optional parts left in or out.
            for (int subset = 1; subset < 1 << words.size(); subset++) {
                List<String> chosen = new ArrayList<>();
                for (int i = 0; i < words.size(); i++) {
                    if ((subset & 1 << i) != 0) {
                        chosen.add(words.get(i));
                    }
                }
                String line = String.join(" ", chosen);
                for (String text : List.of(line, line.toUpperCase(Locale.ROOT), "x " + line + ". y")) {
                    if (pattern.pattern().matcher(text).find()) {
                        matched++;
                        assertThat(pattern.mayMatch(GuardedPattern.fold(text))).as(pattern.pattern() + " in " + text)
                                .isTrue();
                    }
                }
            }
        }
        assertThat(matched).as("lines some pattern matches").isGreaterThan(100);
    }

    @Test
    void shouldNeverSkipALineOfTheFixtureOrGoldenPagesThatAPatternMatches() throws Exception {
        List<String> lines = fixtureLines();
        assertThat(lines).hasSizeGreaterThan(1000);
        int matched = 0;
        for (String line : lines) {
            String normalised = TextNormalizer.fold(line).strip().replaceAll("\\s+", " ");
            for (String text : List.of(line, normalised)) {
                String folded = GuardedPattern.fold(text);
                for (GuardedPattern pattern : builtInPatterns()) {
                    if (pattern.pattern().matcher(text).find()) {
                        matched++;
                        assertThat(pattern.mayMatch(folded)).as(pattern.pattern() + " in " + text).isTrue();
                    }
                }
            }
        }
        assertThat(matched).as("lines some pattern matches").isPositive();
    }

    /** A pattern and a line made of the words its source spells, in order, some left out, in any case. */
    record Probe(GuardedPattern pattern, String line) {}

    private static final List<String> BETWEEN = List.of(" ", " ", " ", "  ", "\n", ".", ":", "[", "]", "\"", "”",
            " x ", "-", "", "2024");

    @Provide
    Arbitrary<Probe> probes() {
        return Arbitraries.of(allPatterns()).flatMap(pattern -> line(pattern).map(line -> new Probe(pattern, line)));
    }

    private static List<GuardedPattern> allPatterns() {
        List<GuardedPattern> all = new ArrayList<>(builtInPatterns());
        MORE_PATTERNS.forEach(p -> all.add(GuardedPattern.of(Pattern.compile(p))));
        return all;
    }

    /** The runs of letters and digits the pattern's source spells, in order, at most twelve. */
    private static List<String> sourceWords(GuardedPattern pattern) {
        List<String> words = new ArrayList<>();
        Matcher run = Pattern.compile("[A-Za-z0-9]{2,}").matcher(pattern.pattern().pattern());
        while (run.find() && words.size() < 12) {
            words.add(run.group());
        }
        return words;
    }

    private static Arbitrary<String> line(GuardedPattern pattern) {
        List<String> words = sourceWords(pattern);
        Arbitrary<String> around = Arbitraries.strings().withChars("ab .:\n").ofMaxLength(3);
        return Combinators.combine(Arbitraries.integers().between(0, 99).list().ofSize(2 * words.size()), around,
                around).as((choices, before, after) -> {
                    StringBuilder line = new StringBuilder(before);
                    for (int i = 0; i < words.size(); i++) {
                        int choice = choices.get(2 * i);
                        if (choice >= 35) {
                            line.append(variant(words.get(i), choice % 4))
                                    .append(BETWEEN.get(choices.get(2 * i + 1) % BETWEEN.size()));
                        }
                    }
                    return line.append(after).toString();
                });
    }

    /** The word as written, upper case, capitalised, or with letters only Unicode case folding reads as s and k. */
    private static String variant(String word, int which) {
        return switch (which) {
            case 0 -> word;
            case 1 -> word.toUpperCase(Locale.ROOT);
            case 2 -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            default -> word.replace('s', '\u017f').replace('k', '\u212a');
        };
    }

    private static List<String> words(String source) {
        return GuardedPattern.of(Pattern.compile(source)).anyOf();
    }

    private static List<GuardedPattern> builtInPatterns() {
        List<GuardedPattern> out = new ArrayList<>();
        for (SpamRule rule : SpamRules.defaults().rules()) {
            switch (rule) {
                case SpamRule.Patterns p -> out.addAll(p.patterns());
                case SpamRule.Inline i -> out.addAll(i.patterns());
                case SpamRule.Section s -> out.addAll(s.patterns());
                default -> { }
            }
        }
        return out;
    }

    /** Every block and hidden text the extractor gives on the extraction fixtures and the golden HTML pages. */
    private static List<String> fixtureLines() throws IOException, URISyntaxException {
        List<Path> pages = new ArrayList<>();
        Path extraction = SharedFolder.path("fixtures/extraction");
        Path golden = Path.of(GuardedPatternTest.class.getResource("/golden").toURI());
        for (Path dir : List.of(extraction, golden)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".html")).sorted().forEach(pages::add);
            }
        }
        HtmlExtractor extractor = new HtmlExtractor();
        List<String> lines = new ArrayList<>();
        for (Path page : pages) {
            ExtractedPage extracted = extractor.extract(Files.readString(page, StandardCharsets.UTF_8), "");
            extracted.blocks().stream().map(ExtractedBlock::text).forEach(lines::add);
            lines.addAll(extracted.hiddenTexts());
            if (extracted.title() != null) {
                lines.add(extracted.title());
            }
        }
        return lines;
    }
}
