package io.newsflow.app;

import io.newsflow.app.up.DemoServer;
import io.newsflow.app.up.PipelineProgress;
import io.newsflow.app.up.Signals;
import io.newsflow.app.up.StatusLine;
import io.newsflow.app.sources.SourceHealthReader;
import io.newsflow.app.sources.SourceTable;
import io.newsflow.app.up.Summary;
import io.newsflow.app.up.TopicSetup;
import io.newsflow.app.up.UpLogging;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.service.ServiceRunner;
import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.StackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow up}: the whole pipeline on this machine in one command. Starts the local stack (Kafka, Schema
 * Registry, Elasticsearch as processes), creates the topics, serves the demo feeds on loopback, runs ingest, enrich
 * and sink in this JVM pointed at the stack, shows progress, prints a summary with queries once the feeds are
 * indexed, and on Ctrl-C stops the services, then the servers. See docs/up.md.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the whole pipeline on this machine: Kafka, Schema Registry and Elasticsearch as local processes,"
                    + " the topics, then ingest, enrich and sink, fed by demo feeds served on loopback (works offline).",
            "Shows progress, prints queries to paste once the feeds are indexed, and keeps polling until Ctrl-C,"
                    + " which stops the services, then the servers. Data starts empty every time."})
public final class UpCommand implements Callable<Integer> {

    static final String DEMO_CONFIG = "config/demo.yml";
    private static final String ENRICH_STATE = "enrich-state";
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration PLAIN_LINE_EVERY = Duration.ofSeconds(30);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    /** How long the summary waits for every source's health state before it goes without. */
    private static final Duration HEALTH_PATIENCE = Duration.ofSeconds(60);

    @Mixin
    ConfigOption config;

    @Option(names = "--no-demo",
            description = "Do not serve the demo feeds; the default config is then " + ConfigOption.DEFAULT_FILE
                    + " (real feeds on the internet) instead of " + DEMO_CONFIG + ".")
    boolean noDemo;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "The demo feeds and pages (default: samples/ beside the config file).")
    Path samples;

    @Option(names = "--demo-port", defaultValue = "" + DemoServer.DEFAULT_PORT, paramLabel = "PORT",
            description = "Port of the demo feeds on 127.0.0.1 (default: ${DEFAULT-VALUE}; a free one if taken; 0 = any).")
    int demoPort;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT", description = "Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT",
            description = "Schema Registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--elasticsearch-port", defaultValue = "9200", paramLabel = "PORT",
            description = "Default: ${DEFAULT-VALUE}.")
    int elasticsearchPort;

    @Option(names = "--random-ports",
            description = "Run the servers and the services' health endpoints on free ports (another stack running).")
    boolean randomPorts;

    @Option(names = "--run-dir", defaultValue = ".newsflow/up", paramLabel = "DIR",
            description = "Servers' data and logs, the services' log and state (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(names = "--start-timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long each server may take to start (default: ${DEFAULT-VALUE}).")
    int startTimeoutSeconds;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** The thread starting the stack, interrupted by a stop so that Ctrl-C does not wait for a slow server. */
    private volatile Thread starting;
    private final long startedNanos = System.nanoTime();
    private boolean handleSignals = true;
    private long healthWaitSince;

    /** Asks a running {@code up} to shut down, as Ctrl-C does. */
    public void stop() {
        stopRequested.countDown();
        Thread thread = starting;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** For running {@code up} inside another program (the integration test): leave the JVM's signals alone. */
    UpCommand withoutSignalHandlers() {
        handleSignals = false;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path configFile = chooseConfig();
        if (!Files.isRegularFile(configFile)) {
            err.println("newsflow up: no config file " + configFile.toAbsolutePath() + " (run it from the newsflow"
                    + " folder, or give --config FILE)");
            return 2;
        }
        Files.createDirectories(runDir);
        if (handleSignals) {
            Signals.onStop(this::stop);
        }
        try (UpLogging logging = UpLogging.toFile(runDir.resolve("newsflow.log"))) {
            return run(configFile, logging, out, err);
        }
    }

    private Path chooseConfig() {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--config")
                || System.getenv("NEWSFLOW_CONFIG") != null;
        return given ? config.file() : Path.of(noDemo ? ConfigOption.DEFAULT_FILE : DEMO_CONFIG);
    }

    private int run(Path configFile, UpLogging logging, PrintWriter out, PrintWriter err) throws Exception {
        String text = Files.readString(configFile, StandardCharsets.UTF_8);
        if (noDemo && text.contains(DemoServer.SCHEME)) {
            err.println("newsflow up: " + configFile + " lists " + DemoServer.SCHEME + " feeds, which only the demo"
                    + " serves; run without --no-demo, or give a config with real feeds (--config)");
            return 2;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(localOverrides(configFile, env));
        Path effective = runDir.toAbsolutePath().resolve(configFile.getFileName());
        // Validate before starting anything: every problem at once, with file and line (the lines of the copy are
        // the lines of the original).
        writeEffective(effective, text, "http://127.0.0.1:" + DemoServer.DEFAULT_PORT + "/");
        ConfigSource check = ConfigSource.load(effective, env);
        PipelineSettings checked = PipelineSettings.bind(check, effective, env);
        if (!check.isValid()) {
            err.println("newsflow up: " + configFile + " has " + check.problems().size() + " problem"
                    + (check.problems().size() == 1 ? "" : "s") + ":");
            check.problems().forEach(problem -> err.println("  - " + problem));
            return 2;
        }
        String busy = portsInUse(checked);
        if (busy != null) {
            err.println("newsflow up: " + busy);
            return 1;
        }

        DemoServer demo = null;
        Stack stack = null;
        ServiceRunner services = null;
        try {
            if (!noDemo) {
                demo = DemoServer.start(samples == null ? configFile.toAbsolutePath().getParent().resolve("samples")
                        : samples, demoPort, demoPort == DemoServer.DEFAULT_PORT);
                writeEffective(effective, text, demo.baseUrl());
                out.println("Demo feeds on " + demo.baseUrl() + "feeds/ (from " + (samples == null ? "samples/ beside "
                        + configFile : samples) + ")");
            }
            stack = buildStack();
            out.printf("Starting Kafka, Schema Registry and Elasticsearch (about a minute; logs in %s) ...%n",
                    stack.runDir().resolve("logs"));
            out.flush();
            StackEndpoints endpoints;
            starting = Thread.currentThread();
            try {
                endpoints = stack.start();
            } catch (StackException e) {
                boolean stopped = stopRequested.getCount() == 0;
                err.println("newsflow up: " + (stopped ? "stopped while the stack was starting"
                        : "the stack did not start: " + e.getMessage()));
                return stopped ? 0 : 1;
            } finally {
                starting = null;
                Thread.interrupted(); // a stop that came just after the start: the loop below sees it
            }
            printStack(out, stack, endpoints);
            if (stopRequested.getCount() == 0) {
                return 0;
            }

            // The stack starts empty, so must the enricher's local state (a copy of a changelog that is gone).
            deleteRecursively(runDir.resolve(ENRICH_STATE));
            Map<String, String> live = new HashMap<>(env);
            live.putAll(endpoints.environment());
            ConfigSource source = ConfigSource.load(effective, live);
            PipelineSettings settings = PipelineSettings.bind(source, effective, live);
            source.throwIfInvalid();
            List<String> created = TopicSetup.create(settings.kafka(), TopicSetup.pipeline(settings.topics(),
                    settings.ingest().ledgerTopic(), settings.redrivenTopic(), 1, (short) 1), TOPIC_TIMEOUT);
            out.println("Topics: " + (created.isEmpty() ? "all there" : "created " + String.join(", ", created)));
            try {
                services = ServiceRunner.start(settings.services());
            } catch (Exception e) {
                err.println("newsflow up: a service could not start: " + e.getMessage() + " (see "
                        + runDir.resolve("newsflow.log") + ")");
                return 1;
            }
            out.println("Services: ingest, enrich and sink running (their log: " + runDir.resolve("newsflow.log")
                    + "). Ctrl-C stops everything.");
            out.println();
            out.flush();
            return watch(stack, services, settings, endpoints, demo, logging, out, err);
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println();
            err.println("newsflow up: " + e.getMessage());
            return 1;
        } finally {
            shutDown(services, stack, demo, out);
        }
    }

    private Stack buildStack() {
        Stack.Builder builder = Stack.builder().runDir(runDir.resolve("stack"))
                .startTimeout(Duration.ofSeconds(startTimeoutSeconds));
        if (!randomPorts) {
            builder.port(Server.KAFKA, kafkaPort).port(Server.REGISTRY, registryPort)
                    .port(Server.ELASTICSEARCH, elasticsearchPort);
        }
        return builder.build();
    }

    /**
     * Settings {@code up} decides itself, as environment overrides: paths the config gives relative to its own folder
     * made absolute (the config is read from a copy in the run dir), the enricher's local state in the run dir (the
     * stack starts empty, so must it), and free ports for the health endpoints with --random-ports.
     */
    private Map<String, String> localOverrides(Path configFile, Map<String, String> env) {
        ConfigSource original = ConfigSource.load(configFile, env);
        PipelineSettings settings = PipelineSettings.bind(original, configFile, env);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (settings.ingest().feedsDir() != null) {
            overrides.put("NEWSFLOW_INGEST_FEEDS_DIR", settings.ingest().feedsDir().toAbsolutePath().toString());
        }
        if (!settings.ingest().opmlFiles().isEmpty()) {
            overrides.put("NEWSFLOW_INGEST_OPML", settings.ingest().opmlFiles().stream()
                    .map(file -> file.toAbsolutePath().toString()).collect(Collectors.joining(",")));
        }
        overrides.put("NEWSFLOW_ENRICH_STATE_DIR", runDir.toAbsolutePath().resolve(ENRICH_STATE).toString());
        if (randomPorts) {
            for (String service : List.of("INGEST", "ENRICH", "SINK")) {
                overrides.put("NEWSFLOW_OPS_" + service + "_PORT", "0");
            }
        }
        return overrides;
    }

    private void writeEffective(Path effective, String text, String demoBase) throws IOException {
        Path temporary = effective.resolveSibling(effective.getFileName() + ".tmp");
        Files.writeString(temporary, DemoServer.resolve(text, demoBase), StandardCharsets.UTF_8);
        Files.move(temporary, effective, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A clear message naming the first port that is taken, or null when all are free. */
    private String portsInUse(PipelineSettings settings) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        if (!randomPorts) {
            wanted.put("Kafka", kafkaPort);
            wanted.put("the Schema Registry", registryPort);
            wanted.put("Elasticsearch", elasticsearchPort);
        }
        Map<String, OpsSettings> ops = Map.of("ingest", settings.ingestOps(), "enrich", settings.enrichOps(), "sink",
                settings.sinkOps());
        ops.forEach((service, setting) -> {
            if (setting.port() > 0) {
                wanted.put(service + "'s health endpoint", setting.port());
            }
        });
        for (Map.Entry<String, Integer> port : wanted.entrySet()) {
            if (!isFree(port.getValue())) {
                return "port " + port.getValue() + " (" + port.getKey() + ") is taken, by another newsflow up or"
                        + " stack up perhaps. Stop that, or run with --random-ports.";
            }
        }
        return null;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void printStack(PrintWriter out, Stack stack, StackEndpoints endpoints) {
        Map<Server, Duration> times = new EnumMap<>(stack.startupTimes());
        out.printf(Locale.ROOT, "Stack ready after %.1f s:%n", elapsed().toMillis() / 1000.0);
        endpoints.asMap().forEach((server, address) -> out.printf(Locale.ROOT, "  %-16s %s (%.1f s)%n",
                server.displayName(), address, times.getOrDefault(server, Duration.ZERO).toMillis() / 1000.0));
        out.flush();
    }

    private int watch(Stack stack, ServiceRunner services, PipelineSettings settings, StackEndpoints endpoints,
            DemoServer demo, UpLogging logging, PrintWriter out, PrintWriter err) throws InterruptedException {
        boolean terminal = System.console() != null;
        int width = terminal ? StatusLine.terminalColumns().orElse(120) - 3 : StatusLine.MAX_WIDTH;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Duration firstIndexed = null;
        boolean summarized = false;
        String lastShown = "";
        long lastShownNanos = 0;
        try {
            while (!stopRequested.await(REFRESH.toMillis(), TimeUnit.MILLISECONDS)) {
                if (services.failure().isPresent()) {
                    err.println();
                    err.println("newsflow up: a service failed: " + services.failure().get().getMessage()
                            + " (see " + runDir.resolve("newsflow.log") + ")");
                    return 1;
                }
                for (Server server : stack.crashed()) {
                    err.println();
                    err.printf("newsflow up: %s stopped unexpectedly; last lines of %s:%n%s%n", server.displayName(),
                            stack.logFile(server), stack.logTail(server, 20));
                    return 1;
                }
                PipelineProgress progress = PipelineProgress.read(services::meters);
                if (firstIndexed == null && progress.indexed() > 0) {
                    firstIndexed = elapsed();
                }
                String line = StatusLine.render(elapsed(), progress, shorten(logging.lastProblem().get(), demo), width);
                String withoutClock = line.substring(line.indexOf(']') + 1);
                if (terminal) {
                    out.print(StatusLine.redraw(line));
                } else if (!withoutClock.equals(lastShown)
                        || System.nanoTime() - lastShownNanos > PLAIN_LINE_EVERY.toNanos()) {
                    out.println(line);
                    lastShown = withoutClock;
                    lastShownNanos = System.nanoTime();
                }
                if (!summarized && progress.settled()) {
                    summarized = summarize(http, settings, endpoints, progress, firstIndexed, demo, logging, out);
                }
                out.flush();
            }
            return 0;
        } finally {
            http.close();
        }
    }

    private boolean summarize(HttpClient http, PipelineSettings settings, StackEndpoints endpoints,
            PipelineProgress progress, Duration firstIndexed, DemoServer demo, UpLogging logging, PrintWriter out)
            throws InterruptedException {
        String alias = settings.sink().index().alias();
        Summary summary;
        try {
            summary = Summary.query(http, endpoints.elasticsearchUrl(), alias);
        } catch (IOException e) {
            return false; // asked again at the next refresh
        }
        if (summary.articles() < progress.indexed()) {
            return false; // not refreshed yet: searchable within a second
        }
        String health = sourceHealth(settings, summary);
        if (health == null) {
            return false; // the source-health app has not decided every source yet: within a commit or two
        }
        out.println();
        out.print(summary.render(endpoints.elasticsearchUrl(), alias, firstIndexed,
                shorten(logging.lastProblem().get(), demo), shorten(health, demo)));
        if (demo != null && settings.ingest().feedsDir() != null) {
            Path dropFolder = Path.of("").toAbsolutePath().relativize(settings.ingest().feedsDir().toAbsolutePath());
            out.printf("%nAdd a feed while it runs: drop a file into %s (a public feed is just its URL in a .txt;"
                    + " a demo feed on loopback must be allowed a private address):%n", dropFolder);
            out.printf("  cat > %s <<'EOF'%n  feeds:%n    - url: %sfeeds/science.xml%n      allowPrivateAddress: true%n"
                    + "  EOF%n", dropFolder.resolve("science.yml"), demo.baseUrl());
        }
        out.println();
        out.flush();
        return true;
    }

    /**
     * The summary's source-health lines (read from topics.health, as {@code newsflow sources} does), or null while a
     * source of the summary has no state yet; after {@link #HEALTH_PATIENCE} the summary goes without them.
     */
    private String sourceHealth(PipelineSettings settings, Summary summary) {
        if (!settings.sourceHealth().enabled()) {
            return "";
        }
        if (healthWaitSince == 0) {
            healthWaitSince = System.nanoTime();
        }
        boolean patient = System.nanoTime() - healthWaitSince < HEALTH_PATIENCE.toNanos();
        SourceTable table;
        try {
            table = SourceHealthReader.read(settings.kafka(), settings.registry(), settings.topics().health().name(),
                    Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            return patient ? null : "\n  source health: not available (" + e.getMessage() + ")\n";
        }
        Set<String> decided = new HashSet<>();
        table.sources().forEach(h -> decided.add(h.getSource()));
        boolean complete = summary.sources().stream().map(Summary.Source::name)
                .filter(name -> !name.startsWith("(")).allMatch(decided::contains);
        if (!complete && patient) {
            return null;
        }
        return "\n  source health (newsflow sources; docs/sources.md):\n" + table.render(true, 1);
    }

    /** A problem as shown: the demo server's address written demo://, as in the config, to keep the line short. */
    private static String shorten(String problem, DemoServer demo) {
        return problem == null || demo == null ? problem : problem.replace(demo.baseUrl(), DemoServer.SCHEME);
    }

    private void shutDown(ServiceRunner services, Stack stack, DemoServer demo, PrintWriter out) {
        if (services == null && stack == null && demo == null) {
            return;
        }
        out.println();
        out.println("Stopping: services first, then the servers ...");
        out.flush();
        List<String> problems = new ArrayList<>();
        if (services != null) {
            services.close();
        }
        if (stack != null) {
            try {
                stack.stop();
            } catch (StackException e) {
                problems.add(e.getMessage());
            }
        }
        if (demo != null) {
            demo.close();
        }
        out.println(problems.isEmpty() ? "Stopped." : "Stopped, with problems: " + String.join("; ", problems));
        out.flush();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
