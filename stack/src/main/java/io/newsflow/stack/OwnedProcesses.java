package io.newsflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server processes one run dir owns. Each carries the argument {@code -Dnewsflow.stack.run=<run dir>} on its
 * command line and has a pid file in {@code <run dir>/pids/}. A pid is only ever signalled when its process still
 * carries that argument: a pid the system reused for someone else's process, or a server of another checkout
 * (another run dir), is left alone.
 */
final class OwnedProcesses {

    static final String MARKER_PROPERTY = "newsflow.stack.run";
    private static final Logger LOG = LoggerFactory.getLogger(OwnedProcesses.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final Path pidDir;
    private final String marker;

    OwnedProcesses(Path runDir) {
        this.pidDir = runDir.resolve("pids");
        this.marker = "-D" + MARKER_PROPERTY + "=" + runDir;
    }

    /** The JVM argument that marks a process as started from this run dir. */
    String marker() {
        return marker;
    }

    boolean isOurs(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        ProcessHandle.Info info = process.info();
        Optional<String[]> arguments = info.arguments();
        if (arguments.isPresent()) {
            return List.of(arguments.get()).contains(marker);
        }
        return info.commandLine().map(line -> List.of(line.split(" ")).contains(marker)).orElse(false);
    }

    void record(String name, long pid) {
        try {
            Files.createDirectories(pidDir);
            Files.writeString(pidFile(name), Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pid file of " + name, e);
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            LOG.warn("Cannot delete pid file {}: {}", pidFile(name), e.toString());
        }
    }

    /**
     * Stops every process a pid file names that is still ours (what a killed JVM left behind), with its
     * descendants, and deletes the pid files. Returns a line per process it stopped.
     */
    List<String> stopLeftovers(Duration grace) {
        List<String> stopped = new ArrayList<>();
        if (!Files.isDirectory(pidDir)) {
            return stopped;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDir, "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                Optional<ProcessHandle> process = readPid(file).flatMap(ProcessHandle::of);
                if (process.isPresent() && isOurs(process.get())) {
                    LOG.warn("Stopping {} (pid {}) left running by an earlier stack in {}", name,
                            process.get().pid(), pidDir.getParent());
                    stopTree(process.get(), grace);
                    stopped.add(name + " (pid " + process.get().pid() + ")");
                } else if (process.isPresent()) {
                    LOG.info("Pid file {} names pid {}, which is not a server of this run dir; leaving it alone",
                            file, process.get().pid());
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pid files in " + pidDir, e);
        }
        return stopped;
    }

    /** SIGTERM, a grace period for a clean shutdown, then SIGKILL for whatever of the tree is still alive. */
    static void stopTree(ProcessHandle root, Duration grace) {
        // A stop must finish even in a thread told to give up (an interrupted start cleans up after itself).
        boolean interrupted = Thread.interrupted();
        try {
            List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
            root.destroy();
            if (!awaitExit(tree, grace)) {
                LOG.warn("pid {} did not stop within {} s of SIGTERM; killing it", root.pid(), grace.toSeconds());
                tree.forEach(ProcessHandle::destroyForcibly);
                if (!awaitExit(tree, KILL_WAIT)) {
                    throw new StackException("pid " + root.pid() + " survived SIGKILL for " + KILL_WAIT.toSeconds()
                            + " s");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path pidFile(String name) {
        return pidDir.resolve(name + ".pid");
    }

    private static Optional<Long> readPid(Path file) throws IOException {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
