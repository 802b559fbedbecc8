package io.newsflow.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared fixture folder (seed sample, extraction fixtures): a {@code shared} folder next to the repository
 * (walking up from the working directory), else {@code NEWSFLOW_SHARED_DIR}, else {@code /work/shared}. A missing
 * file fails the test naming where it looked: the suites never skip.
 */
public final class SharedFiles {
    private SharedFiles() {}

    public static Path file(String relative) {
        Path dir = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && dir == null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/samples"))) {
                dir = p.resolve("shared");
            }
        }
        String env = System.getenv("NEWSFLOW_SHARED_DIR");
        if (dir == null && env != null && Files.isDirectory(Path.of(env))) {
            dir = Path.of(env);
        }
        if (dir == null && Files.isDirectory(Path.of("/work/shared"))) {
            dir = Path.of("/work/shared");
        }
        if (dir == null || !Files.exists(dir.resolve(relative))) {
            throw new IllegalStateException("shared file " + relative + " not found (looked for a 'shared' folder"
                    + " next to the repository, NEWSFLOW_SHARED_DIR=" + env + ", /work/shared)");
        }
        return dir.resolve(relative);
    }
}
