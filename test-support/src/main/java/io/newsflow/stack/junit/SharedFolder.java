package io.newsflow.stack.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The team's shared folder of fixtures and samples from outside the project (feed suites, article pages, the seed
 * article), which tests use in place. Looked for, in order: the system property {@value #PROPERTY}, the environment
 * variable {@value #ENVIRONMENT}, a {@code shared/} folder holding {@code fixtures/} beside the working directory or
 * any of its parents (a checkout, a worktree and a CI clone next to it all find it), and {@code /work/shared}.
 * A missing folder fails the test with the places tried: fixture suites are never skipped.
 */
public final class SharedFolder {
    public static final String PROPERTY = "newsflow.shared.dir";
    public static final String ENVIRONMENT = "NEWSFLOW_SHARED_DIR";
    private static final Path LAST_RESORT = Path.of("/work/shared");

    private SharedFolder() {}

    /** The shared folder itself: the one holding {@code fixtures/} and {@code samples/}. */
    public static Path dir() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return requireFixtures(Path.of(property), "system property " + PROPERTY);
        }
        String environment = System.getenv(ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return requireFixtures(Path.of(environment), "environment variable " + ENVIRONMENT);
        }
        List<String> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            tried.add(candidate.toString());
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
        }
        tried.add(LAST_RESORT.toString());
        if (Files.isDirectory(LAST_RESORT.resolve("fixtures"))) {
            return LAST_RESORT;
        }
        throw new IllegalStateException("the shared fixtures folder was not found; set -D" + PROPERTY + "=<dir> or "
                + ENVIRONMENT + "=<dir> to the folder holding fixtures/ (tried " + tried + ")");
    }

    /** A file or folder inside the shared folder ({@code samples/geneva-talks.id.txt}), which must exist. */
    public static Path path(String relative) {
        Path path = dir().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("shared fixture missing: " + path);
        }
        return path;
    }

    /** A folder under {@code fixtures/} ({@code feeds}, {@code extraction/scrapinghub-aeb/html}). */
    public static Path fixtures(String relative) {
        return path("fixtures/" + relative);
    }

    /** A shared text file, read as UTF-8. */
    public static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requireFixtures(Path dir, String origin) {
        if (!Files.isDirectory(dir.resolve("fixtures"))) {
            throw new IllegalStateException(origin + " points at " + dir + ", which has no fixtures/ folder");
        }
        return dir;
    }
}
