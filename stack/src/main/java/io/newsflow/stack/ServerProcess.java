package io.newsflow.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running server process: its output (stdout and stderr) goes to its log file, never through a pipe to this
 * JVM, so the server keeps running, and logging, if this JVM dies.
 */
final class ServerProcess {

    private static final File NO_INPUT = new File("/dev/null");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final OwnedProcesses owned;
    private final List<String> childPidFiles = new ArrayList<>();

    private ServerProcess(String name, Process process, Path logFile, OwnedProcesses owned) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.owned = owned;
    }

    /** Starts the process and records its pid file under {@code name}. */
    static ServerProcess start(String name, LaunchSpec spec, Path logFile, OwnedProcesses owned) {
        Process process = launch(spec, logFile);
        owned.record(name, process.pid());
        return new ServerProcess(name, process, logFile, owned);
    }

    /** Runs a short-lived helper (such as Kafka's storage format) to completion, its output in the log file. */
    static void run(String what, LaunchSpec spec, Path logFile, Duration timeout) {
        Process process = launch(spec, logFile);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException(what + " did not finish within " + timeout.toSeconds() + " s; see "
                        + logFile + ":\n" + tail(logFile, 30));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackException(what + " was interrupted");
        }
        if (process.exitValue() != 0) {
            throw new StackException(what + " failed with exit code " + process.exitValue() + "; last lines of "
                    + logFile + ":\n" + tail(logFile, 30));
        }
    }

    private static Process launch(LaunchSpec spec, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            return spec.toProcessBuilder()
                    .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new StackException("cannot run " + String.join(" ", spec.command()) + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code, if the process has ended. */
    Integer exitCodeOrNull() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** CPU time used so far by the process and the processes it started. */
    Duration cpuTime() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    Path logFile() {
        return logFile;
    }

    String logTail(int lines) {
        return tail(logFile, lines);
    }

    /**
     * Writes pid files for the processes this one started that carry our marker (Elasticsearch's launcher starts
     * the server JVM), so they are found even if the launcher dies first.
     */
    synchronized void recordChildren() {
        List<ProcessHandle> children = process.descendants().filter(owned::isOurs).toList();
        for (int i = 0; i < children.size(); i++) {
            String childName = name + "-child-" + (i + 1);
            owned.record(childName, children.get(i).pid());
            childPidFiles.add(childName);
        }
    }

    synchronized void stop(Duration grace) {
        OwnedProcesses.stopTree(process.toHandle(), grace);
        owned.forget(name);
        childPidFiles.forEach(owned::forget);
        childPidFiles.clear();
    }

    /** The last {@code lines} lines of a log file, for error messages. */
    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }
}
