package io.newsflow.enrich.core.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the project's shared folder (fixtures from outside the project, samples) wherever the repository is checked
 * out. In order: the system property {@code newsflow.shared.dir}, the environment variable
 * {@code NEWSFLOW_SHARED_DIR}, a {@code shared/fixtures} folder beside the working directory or any of its
 * ancestors (a worktree, the main checkout and a CI clone all have one there), and finally {@code /work/shared}.
 * Fails with the list of places tried rather than letting a suite skip silently.
 */
public final class SharedFixtures {
    public static final String PROPERTY = "newsflow.shared.dir";
    public static final String ENVIRONMENT = "NEWSFLOW_SHARED_DIR";
    private static final Path LAST_RESORT = Path.of("/work/shared");

    private SharedFixtures() {}

    /** The shared folder: the one holding {@code fixtures/}. */
    public static Path sharedDir() {
        List<String> tried = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return requireFixtures(Path.of(property), "system property " + PROPERTY);
        }
        String environment = System.getenv(ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return requireFixtures(Path.of(environment), "environment variable " + ENVIRONMENT);
        }
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
        throw new IllegalStateException("The shared fixtures folder was not found. Set -D" + PROPERTY
                + "=<dir> or " + ENVIRONMENT + "=<dir> to the folder holding fixtures/; tried " + tried);
    }

    /** A folder under {@code shared/fixtures/}, which must exist. */
    public static Path fixtures(String relative) {
        Path dir = sharedDir().resolve("fixtures").resolve(relative);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Fixture folder " + dir + " does not exist");
        }
        return dir;
    }

    private static Path requireFixtures(Path dir, String origin) {
        if (!Files.isDirectory(dir.resolve("fixtures"))) {
            throw new IllegalStateException(origin + " points at " + dir + ", which has no fixtures/ folder");
        }
        return dir;
    }
}
