package io.newsflow.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One test naming style in every module: methods named {@code should…}, no DisplayName (docs/testing.md). */
class TestNamesTest {

    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b");
    private static final Pattern ANNOTATION_NAME = Pattern.compile("@[\\w.]+");
    private static final Pattern METHOD_NAME = Pattern.compile("(?:(?:public|protected|private|static|final)\\s+)*"
            + "(?:<[^>]*>\\s*)?[\\w.<>\\[\\], ?]+?\\s+(\\w+)\\s*\\(");

    /** Spelled in two parts, so that this file does not hold what it looks for. */
    private static final String DISPLAY_NAME = "@" + "DisplayName";

    @Test
    void shouldFindNoDisplayNameInAnyModulesTests() {
        assertThat(testSources().filter(file -> read(file).contains(DISPLAY_NAME)).toList())
                .as("test sources with a DisplayName annotation; name the method should… instead").isEmpty();
    }

    @Test
    void shouldNameEveryTestMethodShould() {
        List<String> others = testSources().flatMap(file -> {
            String source = read(file);
            return TEST_ANNOTATION.matcher(source).results().map(annotation -> methodAfter(source, annotation.end()))
                    .filter(name -> !name.startsWith("should")).map(name -> file.getFileName() + ": " + name);
        }).toList();

        assertThat(others).as("test methods not named should…").isEmpty();
    }

    @Test
    void shouldFindTheMethodBehindAnnotationsWithArgumentsOverSeveralLines() {
        String source = """
                %ParameterizedTest
                %CsvSource(textBlock = \"""
                    a (one), 1
                    b ), 2
                    \""")
                %Tag("slow")
                void creditLines(String line, int n) {}
                %Test
                public void shouldKeep() {}
                """.replace('%', '@'); // % in this file, so the scan of this file does not see them

        List<String> names = TEST_ANNOTATION.matcher(source).results()
                .map(annotation -> methodAfter(source, annotation.end())).toList();

        assertThat(names).containsExactly("creditLines", "shouldKeep");
    }

    @Test
    void shouldSeeTheTestsOfEveryModule() {
        assertThat(testSources().map(file -> file.toString()).toList())
                .anyMatch(file -> file.contains("enrich")).anyMatch(file -> file.contains("sink"))
                .anyMatch(file -> file.contains("TestNamesTest"));
    }

    /**
     * The name of the method that a test annotation ending at {@code from} marks: skips the annotation's arguments
     * and any further annotations, whatever their arguments hold (parentheses in strings, text blocks, several lines).
     */
    static String methodAfter(String source, int from) {
        int at = skipArguments(source, skipSpace(source, from));
        Matcher annotation = ANNOTATION_NAME.matcher(source);
        while (annotation.region(skipSpace(source, at), source.length()).lookingAt()) {
            at = skipArguments(source, skipSpace(source, annotation.end()));
        }
        Matcher method = METHOD_NAME.matcher(source).region(skipSpace(source, at), source.length());
        return method.lookingAt() ? method.group(1) : "<no method after the annotation at offset " + from + ">";
    }

    private static int skipSpace(String source, int at) {
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The offset after the balanced parentheses at {@code at}; parentheses in string or text-block literals don't count. */
    private static int skipArguments(String source, int at) {
        if (at >= source.length() || source.charAt(at) != '(') {
            return at;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = at; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (source.startsWith("\"\"\"", i)) {
                int close = source.indexOf("\"\"\"", i + 3);
                i = close < 0 ? source.length() : close + 2;
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return source.length();
    }

    /** The Java test and benchmark sources of every module of this checkout. */
    private static Stream<Path> testSources() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("test-support")).as("the checkout's root above " + Path.of("").toAbsolutePath())
                .isDirectory();
        try (Stream<Path> modules = Files.list(root)) {
            return modules.filter(Files::isDirectory).flatMap(module -> Stream.of("src/test", "src/jmh")
                            .map(module::resolve))
                    .filter(Files::isDirectory).flatMap(TestNamesTest::javaFiles).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
