package io.newsflow.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Where Elasticsearch's files live and who runs it.
 *
 * <p>As a normal user: the distribution the build unpacked is used in place, and the node's config, data, logs and
 * tmp folders are in {@code <run dir>/elasticsearch}.
 *
 * <p>As root: Elasticsearch refuses to run as root, so it runs as {@link UnprivilegedUser#DEFAULT_NAME}. That user
 * must read the distribution and write the node's folders, but the checkout may sit under root's home (mode 700),
 * so the distribution is copied once per version to {@code /var/tmp/newsflow-stack/elasticsearch-<version>}
 * (world-readable, shared by every checkout, never written by a node) and the node's folders go to
 * {@code /var/tmp/newsflow-stack/es-state/<hash of the run dir>}, owned by that user;
 * {@code <run dir>/elasticsearch} is a symbolic link to them.
 */
record ElasticsearchLayout(Path home, Path stateDir, Optional<UnprivilegedUser> runAs) {

    static final Path SHARED_ROOT = Path.of("/var/tmp/newsflow-stack");
    static final String COMPLETE_MARKER = ".newsflow-copy-complete";
    private static final Set<PosixFilePermission> EVERYONE_READS =
            PosixFilePermissions.fromString("rwxr-xr-x");

    static ElasticsearchLayout forRunDir(Path runDir, Path distributionHome, String version, Jdk jdk)
            throws IOException {
        Path inRunDir = runDir.resolve("elasticsearch");
        if (!UnprivilegedUser.runningAsRoot()) {
            return new ElasticsearchLayout(distributionHome, inRunDir, Optional.empty());
        }
        UnprivilegedUser user = UnprivilegedUser.ensure(UnprivilegedUser.DEFAULT_NAME);
        ensureSharedRoot(SHARED_ROOT);
        Path home = readableCopy(distributionHome, SHARED_ROOT.resolve("elasticsearch-" + version));
        Path stateDir = SHARED_ROOT.resolve("es-state").resolve(hash(runDir));
        Files.createDirectories(stateDir);
        if (!Files.isSymbolicLink(inRunDir)) {
            Directories.deleteRecursively(inRunDir);
            Files.createSymbolicLink(inRunDir, stateDir);
        }
        user.requireCanExecute(jdk.java(), "the JDK");
        return new ElasticsearchLayout(home, stateDir, Optional.of(user));
    }

    /**
     * A copy of {@code source} at {@code target} that every user can read. Made in a temporary sibling and renamed
     * into place, so a concurrent stack (another checkout) never sees half a copy; reused once complete.
     */
    static Path readableCopy(Path source, Path target) throws IOException {
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        Path temp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        try {
            Directories.copyReadable(source, temp);
            Files.writeString(temp.resolve(COMPLETE_MARKER), source.toString(), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another stack finished the same copy first
        } finally {
            Directories.deleteRecursively(temp);
        }
        if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
            throw new StackException(target + " exists but is not a complete copy of " + source
                    + " (no " + COMPLETE_MARKER + "); delete it and start again");
        }
        return target;
    }

    private static void ensureSharedRoot(Path root) throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, EVERYONE_READS);
        Path states = Files.createDirectories(root.resolve("es-state"));
        Files.setPosixFilePermissions(states, EVERYONE_READS);
    }

    /*
     * Not schemas' Hashes, the project's one SHA-256 helper: stack cannot depend on schemas, because schemas' tests
     * use test-support, which depends on stack, and Maven refuses that cycle whatever the scopes.
     */
    static String hash(Path runDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(runDir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
