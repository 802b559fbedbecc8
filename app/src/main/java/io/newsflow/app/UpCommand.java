package io.newsflow.app;

import io.newsflow.app.up.DemoServer;
import io.newsflow.app.up.PipelineProgress;
import io.newsflow.app.up.Signals;
import io.newsflow.app.up.StatusLine;
import io.newsflow.app.sources.SourceHealthReader;
import io.newsflow.app.sources.SourceTable;
import io.newsflow.app.up.Summary;
import io.newsflow.app.up.UpLogging;
import io.newsflow.common.config.ConfigProblem;
import io.newsflow.stack.Server;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.StackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration PLAIN_LINE_EVERY = Duration.ofSeconds(30);
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
    /** The pipeline once it may start things, which a stop cuts short while its stack starts. */
    private volatile LocalPipeline pipeline;
    private final long startedNanos = System.nanoTime();
    private boolean handleSignals = true;
    private long healthWaitSince;

    /** Asks a running {@code up} to shut down, as Ctrl-C does. */
    public void stop() {
        stopRequested.countDown();
        LocalPipeline running = pipeline;
        if (running != null) {
            running.interruptStart();
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
        LocalPipeline pipeline = LocalPipeline.prepare(options(configFile), System.getenv());
        if (pipeline.refusal().isPresent()) {
            err.println("newsflow up: " + pipeline.refusal().get());
            return 2;
        }
        List<ConfigProblem> problems = pipeline.problems();
        if (!problems.isEmpty()) {
            err.println("newsflow up: " + configFile + " has " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ":");
            problems.forEach(problem -> err.println("  - " + problem));
            return 2;
        }
        Optional<String> busy = pipeline.portInUse();
        if (busy.isPresent()) {
            err.println("newsflow up: " + busy.get());
            return 1;
        }
        this.pipeline = pipeline;
        try {
            DemoServer demo = pipeline.startDemo();
            if (demo != null) {
                out.println("Demo feeds on " + demo.baseUrl() + "feeds/ (from " + (samples == null ? "samples/ beside "
                        + configFile : samples) + ")");
            }
            out.printf("Starting Kafka, Schema Registry and Elasticsearch (about a minute; logs in %s) ...%n",
                    pipeline.stack().runDir().resolve("logs"));
            out.flush();
            StackEndpoints endpoints;
            try {
                endpoints = pipeline.startStack();
            } catch (StackException e) {
                boolean stopped = stopRequested.getCount() == 0;
                err.println("newsflow up: " + (stopped ? "stopped while the stack was starting"
                        : "the stack did not start: " + e.getMessage()));
                return stopped ? 0 : 1;
            }
            printStack(out, pipeline.startupTimes(), endpoints);
            if (stopRequested.getCount() == 0) {
                return 0;
            }
            List<String> created = pipeline.createTopics();
            out.println("Topics: " + (created.isEmpty() ? "all there" : "created " + String.join(", ", created)));
            try {
                pipeline.startServices();
            } catch (Exception e) {
                err.println("newsflow up: a service could not start: " + e.getMessage() + " (see "
                        + runDir.resolve("newsflow.log") + ")");
                return 1;
            }
            out.println("Services: ingest, enrich and sink running (their log: " + runDir.resolve("newsflow.log")
                    + "). Ctrl-C stops everything.");
            out.println();
            out.flush();
            return watch(pipeline, demo, logging, out, err);
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println();
            err.println("newsflow up: " + e.getMessage());
            return 1;
        } finally {
            shutDown(pipeline, out);
        }
    }

    private LocalPipeline.Options options(Path configFile) {
        Map<Server, Integer> ports = new EnumMap<>(Server.class);
        if (!randomPorts) {
            ports.put(Server.KAFKA, kafkaPort);
            ports.put(Server.REGISTRY, registryPort);
            ports.put(Server.ELASTICSEARCH, elasticsearchPort);
        }
        return new LocalPipeline.Options(configFile, !noDemo, samples, demoPort, ports, runDir,
                Duration.ofSeconds(startTimeoutSeconds));
    }

    private void printStack(PrintWriter out, Map<Server, Duration> times, StackEndpoints endpoints) {
        out.printf(Locale.ROOT, "Stack ready after %.1f s:%n", elapsed().toMillis() / 1000.0);
        endpoints.asMap().forEach((server, address) -> out.printf(Locale.ROOT, "  %-16s %s (%.1f s)%n",
                server.displayName(), address, times.getOrDefault(server, Duration.ZERO).toMillis() / 1000.0));
        out.flush();
    }

    private int watch(LocalPipeline pipeline, DemoServer demo, UpLogging logging, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        boolean terminal = System.console() != null;
        int width = terminal ? StatusLine.terminalColumns().orElse(120) - 3 : StatusLine.MAX_WIDTH;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Duration firstIndexed = null;
        boolean summarized = false;
        String lastShown = "";
        long lastShownNanos = 0;
        try {
            while (!stopRequested.await(REFRESH.toMillis(), TimeUnit.MILLISECONDS)) {
                Optional<String> failure = pipeline.failure();
                if (failure.isPresent()) {
                    err.println();
                    err.println("newsflow up: " + failure.get());
                    return 1;
                }
                PipelineProgress progress = pipeline.progress();
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
                    summarized = summarize(http, pipeline.settings(), pipeline.endpoints(), progress, firstIndexed,
                            demo, logging, out);
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

    private static void shutDown(LocalPipeline pipeline, PrintWriter out) {
        if (!pipeline.started()) {
            return;
        }
        out.println();
        out.println("Stopping: services first, then the servers ...");
        out.flush();
        List<String> problems = pipeline.stop();
        out.println(problems.isEmpty() ? "Stopped." : "Stopped, with problems: " + String.join("; ", problems));
        out.flush();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
