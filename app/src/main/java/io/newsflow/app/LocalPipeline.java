package io.newsflow.app;

import io.newsflow.app.up.DemoServer;
import io.newsflow.app.up.PipelineProgress;
import io.newsflow.app.up.TopicSetup;
import io.newsflow.common.config.ConfigProblem;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.service.ServiceRunner;
import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.StackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole pipeline on this machine, as {@code newsflow up} runs it: the demo feeds on loopback, the local stack, the
 * topics, and ingest, enrich and sink in this JVM pointed at the stack. {@link #prepare} reads and checks the config
 * and starts nothing; {@link #startDemo}, {@link #startStack}, {@link #createTopics} and {@link #startServices} start the
 * parts in that order; {@link #close} stops what runs, services first. The command around it does only the console.
 *
 * <p>The config is read from a copy in the run dir whose {@code demo://} feeds name the demo server's address (the
 * copy keeps the user's line numbers, so every message points at their file); settings {@code up} decides itself are
 * environment overrides. It is bound twice before anything starts (the user's file, for its folder's paths; the copy,
 * to check it) and once more with the stack's addresses.
 */
final class LocalPipeline implements AutoCloseable {

    private static final String ENRICH_STATE = "enrich-state";
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    /** What {@code up}'s options choose. {@code ports} empty: free ports for everything. */
    record Options(Path configFile, boolean demo, Path samples, int demoPort, Map<Server, Integer> ports,
            Path runDir, Duration startTimeout) {

        boolean randomPorts() {
            return ports.isEmpty();
        }
    }

    private final Options options;
    private final String text;
    private final Map<String, String> env;
    private final Path effective;
    private final String refusal;
    private final List<ConfigProblem> problems;
    private final PipelineSettings checked;

    private DemoServer demo;
    private Stack stack;
    private StackEndpoints endpoints;
    private PipelineSettings settings;
    private ServiceRunner services;
    /** The thread starting the stack, which {@link #interruptStart} interrupts. */
    private volatile Thread starting;

    private LocalPipeline(Options options, String text, Map<String, String> env, Path effective, String refusal,
            List<ConfigProblem> problems, PipelineSettings checked) {
        this.options = options;
        this.text = text;
        this.env = env;
        this.effective = effective;
        this.refusal = refusal;
        this.problems = problems;
        this.checked = checked;
    }

    /** Reads the config and checks it, every problem at once with file and line; starts nothing. */
    static LocalPipeline prepare(Options options, Map<String, String> environment) throws IOException {
        Path configFile = options.configFile();
        String text = Files.readString(configFile, StandardCharsets.UTF_8);
        Path effective = options.runDir().toAbsolutePath().resolve(configFile.getFileName());
        if (!options.demo() && text.contains(DemoServer.SCHEME)) {
            return new LocalPipeline(options, text, environment, effective, configFile + " lists " + DemoServer.SCHEME
                    + " feeds, which only the demo serves; run without --no-demo, or give a config with real feeds"
                    + " (--config)", List.of(), null);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(localOverrides(options, env));
        Files.createDirectories(effective.getParent());
        writeEffective(effective, text, "http://127.0.0.1:" + DemoServer.DEFAULT_PORT + "/");
        ConfigSource check = ConfigSource.load(effective, env);
        PipelineSettings checked = PipelineSettings.bind(check, effective, env);
        return new LocalPipeline(options, text, Map.copyOf(env), effective, null, check.problems(), checked);
    }

    /** Why this config cannot run here at all (demo feeds without the demo), before its settings are read. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** What is wrong with the config; empty when it can run. */
    List<ConfigProblem> problems() {
        return problems;
    }

    /** A message naming the first port that is taken, with what to do, if one is. */
    Optional<String> portInUse() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<Server, String> names = Map.of(Server.KAFKA, "Kafka", Server.REGISTRY, "the Schema Registry",
                Server.ELASTICSEARCH, "Elasticsearch");
        options.ports().forEach((server, port) -> wanted.put(names.get(server), port));
        Map<String, OpsSettings> ops = Map.of("ingest", checked.ingestOps(), "enrich", checked.enrichOps(), "sink",
                checked.sinkOps());
        ops.forEach((service, setting) -> {
            if (setting.port() > 0) {
                wanted.put(service + "'s health endpoint", setting.port());
            }
        });
        for (Map.Entry<String, Integer> port : wanted.entrySet()) {
            if (!isFree(port.getValue())) {
                return Optional.of("port " + port.getValue() + " (" + port.getKey() + ") is taken, by another newsflow"
                        + " up or stack up perhaps. Stop that, or run with --random-ports.");
            }
        }
        return Optional.empty();
    }

    /** Serves the demo feeds and points the config's copy at them; null without the demo. */
    DemoServer startDemo() throws IOException {
        if (!options.demo()) {
            return null;
        }
        Path samples = options.samples() != null ? options.samples()
                : options.configFile().toAbsolutePath().getParent().resolve("samples");
        demo = DemoServer.start(samples, options.demoPort(), options.demoPort() == DemoServer.DEFAULT_PORT);
        writeEffective(effective, text, demo.baseUrl());
        return demo;
    }

    /** The stack this pipeline runs (built, not started yet, on the first call). */
    Stack stack() {
        if (stack == null) {
            Stack.Builder builder = Stack.builder().runDir(options.runDir().resolve("stack"))
                    .startTimeout(options.startTimeout());
            options.ports().forEach(builder::port);
            stack = builder.build();
        }
        return stack;
    }

    /** Starts the servers; {@link #interruptStart} from another thread cuts it short with a StackException. */
    StackEndpoints startStack() {
        starting = Thread.currentThread();
        try {
            endpoints = stack().start();
            return endpoints;
        } finally {
            starting = null;
            Thread.interrupted(); // an interrupt that came just after the start is not for the caller
        }
    }

    /** Cuts a {@link #startStack} in progress short (Ctrl-C should not wait for a slow server). */
    void interruptStart() {
        Thread thread = starting;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Binds the config with the stack's addresses and creates the topics.
     *
     * @return the topics it created (none when all were there)
     */
    List<String> createTopics() throws IOException, InterruptedException {
        // The stack starts empty, so must the enricher's local state (a copy of a changelog that is gone).
        deleteRecursively(options.runDir().resolve(ENRICH_STATE));
        Map<String, String> live = new HashMap<>(env);
        live.putAll(endpoints.environment());
        ConfigSource source = ConfigSource.load(effective, live);
        settings = PipelineSettings.bind(source, effective, live);
        source.throwIfInvalid();
        return TopicSetup.create(settings.kafka(), TopicSetup.pipeline(settings.topics(),
                settings.ingest().ledgerTopic(), settings.redrivenTopic(), 1, (short) 1), TOPIC_TIMEOUT);
    }

    /** Starts ingest, enrich and sink (after {@link #createTopics}). */
    void startServices() throws Exception {
        services = ServiceRunner.start(settings.services());
    }

    /** Why the pipeline cannot go on (a service failed, a server crashed, with its log's last lines), if it cannot. */
    Optional<String> failure() {
        if (services.failure().isPresent()) {
            return Optional.of("a service failed: " + services.failure().get().getMessage() + " (see "
                    + options.runDir().resolve("newsflow.log") + ")");
        }
        for (Server server : stack.crashed()) {
            return Optional.of(String.format("%s stopped unexpectedly; last lines of %s:%n%s", server.displayName(),
                    stack.logFile(server), stack.logTail(server, 20)));
        }
        return Optional.empty();
    }

    PipelineProgress progress() {
        return PipelineProgress.read(services::meters);
    }

    /** The settings the services run with (after {@link #startServices}). */
    PipelineSettings settings() {
        return settings;
    }

    StackEndpoints endpoints() {
        return endpoints;
    }

    Map<Server, Duration> startupTimes() {
        return new EnumMap<>(stack.startupTimes());
    }

    /** Whether anything was started, so that {@link #close} has something to stop. */
    boolean started() {
        return services != null || stack != null || demo != null;
    }

    /** Stops the services, then the servers, then the demo; what went wrong stopping them. */
    List<String> stop() {
        List<String> stopProblems = new ArrayList<>();
        if (services != null) {
            services.close();
            services = null;
        }
        if (stack != null) {
            try {
                stack.stop();
            } catch (StackException e) {
                stopProblems.add(e.getMessage());
            }
            stack = null;
        }
        if (demo != null) {
            demo.close();
            demo = null;
        }
        return stopProblems;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Settings {@code up} decides itself, as environment overrides: paths the config gives relative to its own folder
     * made absolute (the config is read from a copy in the run dir), the enricher's local state in the run dir (the
     * stack starts empty, so must it), and free ports for the health endpoints with --random-ports.
     */
    private static Map<String, String> localOverrides(Options options, Map<String, String> env) {
        ConfigSource original = ConfigSource.load(options.configFile(), env);
        PipelineSettings settings = PipelineSettings.bind(original, options.configFile(), env);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (settings.ingest().feedsDir() != null) {
            overrides.put("NEWSFLOW_INGEST_FEEDS_DIR", settings.ingest().feedsDir().toAbsolutePath().toString());
        }
        if (!settings.ingest().opmlFiles().isEmpty()) {
            overrides.put("NEWSFLOW_INGEST_OPML", settings.ingest().opmlFiles().stream()
                    .map(file -> file.toAbsolutePath().toString()).collect(Collectors.joining(",")));
        }
        overrides.put("NEWSFLOW_ENRICH_STATE_DIR", options.runDir().toAbsolutePath().resolve(ENRICH_STATE).toString());
        if (options.randomPorts()) {
            for (String service : List.of("INGEST", "ENRICH", "SINK")) {
                overrides.put("NEWSFLOW_OPS_" + service + "_PORT", "0");
            }
        }
        return overrides;
    }

    private static void writeEffective(Path effective, String text, String demoBase) throws IOException {
        Path temporary = effective.resolveSibling(effective.getFileName() + ".tmp");
        Files.writeString(temporary, DemoServer.resolve(text, demoBase), StandardCharsets.UTF_8);
        Files.move(temporary, effective, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
