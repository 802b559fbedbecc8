package io.newsflow.ingest.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared fixtures folder: the nearest {@code shared/fixtures} walking up from the working directory,
 * else {@code $NEWSFLOW_SHARED_DIR/fixtures}, else {@code /work/shared/fixtures}. Fails loudly when none exists:
 * the fixture suites are never skipped.
 */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        String env = System.getenv("NEWSFLOW_SHARED_DIR");
        if (env != null && Files.isDirectory(Path.of(env, "fixtures"))) {
            return Path.of(env, "fixtures");
        }
        Path fallback = Path.of("/work/shared/fixtures");
        if (Files.isDirectory(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("shared fixtures not found: no shared/fixtures above "
                + Path.of("").toAbsolutePath() + ", NEWSFLOW_SHARED_DIR=" + env + ", and no " + fallback);
    }

    public static Path feeds() {
        return root().resolve("feeds");
    }
}
