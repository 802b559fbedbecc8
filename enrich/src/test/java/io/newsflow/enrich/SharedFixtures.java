package io.newsflow.enrich;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared fixture folder: a {@code shared} folder next to the repository (walking up from the
 * working directory), else {@code NEWSFLOW_SHARED_DIR}, else {@code /work/shared}. Fails loudly when none exists:
 * a missing fixture must fail the build, never skip a test.
 */
public final class SharedFixtures {
    private SharedFixtures() {}

    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
        }
        String env = System.getenv("NEWSFLOW_SHARED_DIR");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        Path fallback = Path.of("/work/shared");
        if (Files.isDirectory(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("shared fixture folder not found: looked for a 'shared' folder next to the "
                + "repository above " + Path.of("").toAbsolutePath() + ", then NEWSFLOW_SHARED_DIR ("
                + env + "), then /work/shared");
    }

    public static Path file(String relative) {
        Path path = dir().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("shared fixture missing: " + path);
        }
        return path;
    }
}
