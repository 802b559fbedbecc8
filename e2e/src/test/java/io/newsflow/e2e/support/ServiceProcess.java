package io.newsflow.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One newsflow service running as its own JVM: {@code java -cp <this JVM's classpath> io.newsflow.app.Newsflow
 * <service> --config <file>} (through {@link ChildJvm}, so it dies with its parent). Output goes to a log file,
 * appended across restarts. {@link #kill()} is {@code kill -9}; {@link #stop()} is SIGTERM, an orderly shutdown.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final Path config;
    private final int opsPort;
    private final String heap;
    private final Path logFile;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private String classpath = System.getProperty("java.class.path");
    private Process process;
    private int starts;

    private ServiceProcess(String service, Path config, int opsPort, String heap, Path logFile) {
        this.service = service;
        this.config = config;
        this.opsPort = opsPort;
        this.heap = heap;
        this.logFile = logFile;
    }

    /**
     * Starts {@code newsflow <service> --config <config>}; its health endpoint must be on {@code opsPort} (the
     * config's {@code ops.<service>Port}).
     */
    public static ServiceProcess start(String service, Path config, int opsPort, String heap, Path logDir) {
        return start(service, config, opsPort, heap, logDir, Map.of());
    }

    /** The same, with {@code -D} system properties (a service's test seam) for this launch and the next ones. */
    public static ServiceProcess start(String service, Path config, int opsPort, String heap, Path logDir,
            Map<String, String> systemProperties) {
        return start(service, config, opsPort, heap, logDir, systemProperties, System.getProperty("java.class.path"));
    }

    /**
     * The same on another build's classpath (a benchmark's baseline); this JVM's test classes are added to it for
     * {@link ChildJvm}.
     */
    public static ServiceProcess start(String service, Path config, int opsPort, String heap, Path logDir,
            Map<String, String> systemProperties, String classpath) {
        ServiceProcess child = new ServiceProcess(service, config.toAbsolutePath(), opsPort, heap,
                logDir.toAbsolutePath().resolve(service + ".log"));
        child.systemProperties.putAll(systemProperties);
        child.classpath = classpath.equals(System.getProperty("java.class.path")) ? classpath
                : classpath + java.io.File.pathSeparator + ChildJvm.class.getProtectionDomain().getCodeSource()
                        .getLocation().getPath();
        child.launch();
        return child;
    }

    /** Drops a {@code -D} system property from the next launches ({@link #restart()}). */
    public synchronized void clearSystemProperty(String key) {
        systemProperties.remove(key);
    }

    /** The exit code of the ended process; fails while it runs. */
    public synchronized int exitCode() {
        if (process == null || process.isAlive()) {
            throw new IllegalStateException(service + " is still running");
        }
        return process.exitValue();
    }

    public String service() {
        return service;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** How many times this service was launched (1 + restarts). */
    public synchronized int starts() {
        return starts;
    }

    public Path logFile() {
        return logFile;
    }

    /** {@code kill -9}: no shutdown hook, no commit, no flush. Returns once the process is gone. */
    public synchronized void kill() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(service + " is not running; its log ends with:\n" + logTail(40));
        }
        long pid = process.pid();
        process.destroyForcibly(); // SIGKILL on Linux
        awaitExit(KILL_WAIT);
        log.info("{} (pid {}) killed with SIGKILL, exit code {}", service, pid, process.exitValue());
    }

    /** SIGTERM and wait for the orderly shutdown; SIGKILL if it takes longer than a minute. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            log.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", service, process.pid(),
                    STOP_TIMEOUT.toSeconds());
            process.destroyForcibly();
            awaitExit(KILL_WAIT);
        }
    }

    /** Starts the service again with the same config, log file and ops port. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(service + " is still running (pid " + process.pid() + ")");
        }
        launch();
    }

    /**
     * Waits until {@code /health} says UP; fails at once, with the end of the log, if the process exits meanwhile.
     */
    public void awaitUp(Duration timeout) {
        Awaitility.await(service + " health UP on port " + opsPort)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "UP".equals(healthStatus().orElse(null)));
    }

    /** The {@code status} of {@code /health} (UP, DEGRADED, DOWN), or empty while nothing answers. */
    public Optional<String> healthStatus() {
        assertRunning();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + opsPort + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            return Optional.of(body.path("status").asText());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The sum of every series of a Prometheus metric on {@code /metrics} ({@code newsflow_sink_docs_indexed_total}):
     * what this process counted since it started. 0 while the endpoint does not answer or has no such metric.
     */
    public double metric(String name) {
        assertRunning();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().lines()
                    .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Fails, quoting the end of the log, when the process has ended without being told to. */
    public synchronized void assertRunning() {
        if (process == null || !process.isAlive()) {
            throw new AssertionError(service + " exited" + (process == null ? "" : " with code " + process.exitValue())
                    + "; the end of " + logFile + ":\n" + logTail(60));
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                // the app's own logging setup, not the logback-test.xml that the test classpath also holds
                "-Dlogback.configurationFile=logback.xml",
                "-Dnewsflow.e2e.service=" + service));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-cp", classpath,
                ChildJvm.class.getName(),
                "io.newsflow.app.Newsflow", service, "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // Settings come from the config file alone: a developer's exported NEWSFLOW_* (say from `stack up`)
        // would otherwise point the service at another Kafka.
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("NEWSFLOW_"));
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- start " + (starts + 1) + ": " + String.join(" ", command.subList(0, 5))
                    + " ... " + service + " --config " + config + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start(); // stdin stays a pipe held by this JVM: ChildJvm exits when it closes
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
        starts++;
        log.info("{} started (pid {}, start {}), log {}", service, process.pid(), starts, logFile);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
