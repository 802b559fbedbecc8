package io.newsflow.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The system account Elasticsearch runs as when the stack runs as root (Elasticsearch refuses to run as root, and
 * CI runs as root). Created on first use with {@code useradd --system}; processes are started through
 * {@code setpriv}, which execs the command as that user (same pid, environment passed through).
 */
record UnprivilegedUser(String name) {

    static final String DEFAULT_NAME = "newsflow-es";
    private static final int USERADD_USER_EXISTS = 9;
    private static final int USERADD_CANNOT_LOCK = 10;

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The account, created if it does not exist yet (idempotent, also when two stacks start at once). */
    static UnprivilegedUser ensure(String name) {
        UnprivilegedUser user = new UnprivilegedUser(name);
        for (int attempt = 1; !user.exists(); attempt++) {
            List<String> useradd = List.of(executable("useradd", "passwd"), "--system", "--user-group",
                    "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name);
            Result result = run(useradd);
            boolean retry = result.exitCode() == USERADD_CANNOT_LOCK && attempt < 20;
            if (result.exitCode() != 0 && result.exitCode() != USERADD_USER_EXISTS && !retry) {
                throw new StackException("Cannot create the system user " + name + " that Elasticsearch runs as"
                        + " (it refuses to run as root): useradd exited with " + result.exitCode() + ": "
                        + result.output().strip());
            }
            if (retry) {
                pause();
            }
        }
        return user;
    }

    boolean exists() {
        try {
            lookup().lookupPrincipalByName(name);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command, run as this user. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(executable("setpriv", "util-linux"), "--reuid=" + name,
                "--regid=" + name, "--init-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Fails with a clear message when this user cannot run {@code file} (say a JDK under root's home). */
    void requireCanExecute(Path file, String what) {
        Result result = run(wrap(List.of("test", "-x", file.toString())));
        if (result.exitCode() != 0) {
            throw new StackException("Elasticsearch runs as the user " + name + " (it refuses to run as root), but "
                    + name + " cannot run " + what + " at " + file + ". Use one in a folder every user can read,"
                    + " such as /usr/lib/jvm (set JAVA_HOME to it).");
        }
    }

    /** Makes this user own a tree (not following links), so the server can write its data, logs and config. */
    void own(Path root) throws IOException {
        UserPrincipal user = lookup().lookupPrincipalByName(name);
        GroupPrincipal group = lookup().lookupPrincipalByGroupName(name);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chown(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file);
                return FileVisitResult.CONTINUE;
            }

            private void chown(Path path) throws IOException {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(user);
                view.setGroup(group);
            }
        });
    }

    private static UserPrincipalLookupService lookup() {
        return FileSystems.getDefault().getUserPrincipalLookupService();
    }

    /** An executable from PATH or the usual system folders (root's PATH may lack the sbin folders). */
    static String executable(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>();
        Optional.ofNullable(System.getenv("PATH")).ifPresent(path -> dirs.addAll(List.of(path.split(File.pathSeparator))));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return dirs.stream().map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new StackException("`" + name + "` (Debian package " + debianPackage
                        + ") is needed to run Elasticsearch as an unprivileged user when the stack runs as root;"
                        + " install it with: apt-get install " + debianPackage));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackException(String.join(" ", command) + " did not finish within 30 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new StackException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while running " + command.getFirst());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200); // useradd holds /etc/passwd's lock only briefly
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating the user");
        }
    }
}
