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

    private static final Pattern TEST_METHOD = Pattern.compile("@(?:Test|ParameterizedTest|RepeatedTest|TestFactory"
            + "|Property|Example)\\b(?:\\([^()\\n]*\\))?[ \\t]*\\n(?:[ \\t]*@[^\\n]*\\n)*[ \\t]*"
            + "(?:(?:public|protected|private|static|final)\\s+)*(?:<[^>]*>\\s*)?[\\w.<>\\[\\]]+\\s+(\\w+)\\s*\\(");

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
            Matcher method = TEST_METHOD.matcher(read(file));
            return method.results().map(result -> result.group(1)).filter(name -> !name.startsWith("should"))
                    .map(name -> file.getFileName() + ": " + name);
        }).toList();

        assertThat(others).as("test methods not named should…").isEmpty();
    }

    @Test
    void shouldSeeTheTestsOfEveryModule() {
        assertThat(testSources().map(file -> file.toString()).toList())
                .anyMatch(file -> file.contains("enrich")).anyMatch(file -> file.contains("sink"))
                .anyMatch(file -> file.contains("TestNamesTest"));
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
