package io.newsflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka, Schema Registry (Apicurio) and Elasticsearch servers, started as child processes on free loopback
 * ports from the artifacts the stack module's build prepared.
 *
 * <pre>{@code
 * try (Stack stack = Stack.builder().runDir(Path.of("target/newsflow-stack")).build()) {
 *     StackEndpoints endpoints = stack.start();
 *     ... endpoints.kafkaBootstrapServers(), endpoints.registryUrl(), endpoints.elasticsearchUrl()
 *     stack.stop(Server.ELASTICSEARCH); ... stack.start(Server.ELASTICSEARCH); // same port, same data
 * }
 * }</pre>
 *
 * <p>Everything a stack writes is in its run dir: {@code logs/<server>.log}, {@code pids/<server>.pid},
 * {@code endpoints.properties}, each server's config and data. One run dir runs one stack at a time (a lock file
 * says so); starting a stack first stops what a dead JVM left running from the same run dir, and a JVM shutdown
 * hook stops the servers when the JVM exits. Processes of other run dirs (other checkouts) are never touched.
 */
public final class Stack implements AutoCloseable {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    public static final String ENDPOINTS_FILE = "endpoints.properties";
    static final Map<Server, String> DEFAULT_HEAPS =
            Map.of(Server.KAFKA, "512m", Server.REGISTRY, "320m", Server.ELASTICSEARCH, "512m");
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_LINES_IN_ERRORS = 40;
    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]");
    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

    private final Set<Server> servers;
    private final Path runDir;
    private final Map<Server, String> heaps;
    private final Map<Server, Integer> fixedPorts;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final boolean fullJit;
    private final Supplier<StackDistribution> distributionSource;

    private final OwnedProcesses owned;
    private final PortAllocator ports = new PortAllocator();
    private final Map<Server, ManagedServer> configured = new ConcurrentHashMap<>();
    private final Map<Server, ServerProcess> running = new ConcurrentHashMap<>();
    private final Map<Server, Duration> startupTimes = new ConcurrentHashMap<>();

    private Jdk jdk;
    private StackDistribution distribution;
    private HttpProbe http;
    private RunDirLock lock;
    private Thread shutdownHook;
    private volatile ExecutorService starting;

    private Stack(Builder builder) {
        this.servers = Set.copyOf(builder.servers);
        this.runDir = builder.runDir.toAbsolutePath().normalize();
        this.heaps = Map.copyOf(builder.heaps);
        this.fixedPorts = Map.copyOf(builder.fixedPorts);
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.fullJit = builder.fullJit;
        this.distributionSource = builder.distribution;
        this.owned = new OwnedProcesses(runDir);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every configured server at once and returns when all are ready. On failure everything started is
     * stopped again and the exception names the server, what went wrong and the end of its log.
     */
    public synchronized StackEndpoints start() {
        if (lock != null) {
            throw new IllegalStateException("this stack is already running from " + runDir);
        }
        try {
            Files.createDirectories(runDir);
            lock = RunDirLock.acquire(runDir);
            owned.stopLeftovers(stopTimeout);
            Files.deleteIfExists(endpointsFile());
            jdk = Jdk.locate();
            distribution = distributionSource.get();
            checkArtifacts();
            http = new HttpProbe();
            shutdownHook = new Thread(this::stopOnShutdown, "newsflow-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            LOG.info("Starting {} from {} (JDK {} at {})", servers, runDir, jdk.featureVersion(), jdk.home());
            startAll();
            StackEndpoints endpoints = endpoints();
            endpoints.writeTo(endpointsFile());
            LOG.info("Stack ready: {} (startup times {})", endpoints.asMap(), startupTimes);
            return endpoints;
        } catch (IOException e) {
            throw stopAfterFailure(new StackException("Cannot prepare the stack's run dir " + runDir + ": " + e, e));
        } catch (RuntimeException e) {
            throw stopAfterFailure(e);
        }
    }

    private RuntimeException stopAfterFailure(RuntimeException failure) {
        try {
            stop();
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
        return failure;
    }

    /**
     * Starts one server of a running stack: a server this stack stopped comes back on the same ports with the data
     * it had; a server the stack has not run yet starts fresh on free ports (a test JVM that first needed Kafka
     * only and later needs Elasticsearch too).
     */
    public synchronized void start(Server server) {
        if (lock == null) {
            throw new IllegalStateException("the stack in " + runDir + " is not running; start() it first");
        }
        if (running.containsKey(server)) {
            throw new IllegalStateException(server.displayName() + " is already running");
        }
        ManagedServer managed = configured.get(server);
        if (managed instanceof RegistryServer registry && registry.persistent() && !isRunning(Server.KAFKA)) {
            throw new IllegalStateException("Schema Registry keeps its schemas on Kafka, which is not running: start "
                    + "Kafka first");
        }
        if (managed == null) {
            startFresh(server);
        } else {
            launch(managed, false);
        }
        endpoints().writeTo(endpointsFile());
    }

    /** Stops one server (SIGTERM, then SIGKILL after the stop timeout); {@link #start(Server)} brings it back. */
    public synchronized void stop(Server server) {
        configuredServer(server);
        ServerProcess process = running.remove(server);
        if (process == null) {
            throw new IllegalStateException(server.displayName() + " is not running");
        }
        LOG.info("Stopping {} (pid {})", server.displayName(), process.pid());
        process.stop(stopTimeout);
    }

    public synchronized void restart(Server server) {
        stop(server);
        start(server);
    }

    /** Stops every server and releases the run dir. Safe to call more than once. */
    public synchronized void stop() {
        if (lock == null) {
            return; // never started, or already stopped: the run dir (and its endpoints file) may be another's
        }
        List<Throwable> failures = stopAllRunning();
        try {
            Files.deleteIfExists(endpointsFile());
        } catch (IOException e) {
            failures.add(e);
        }
        if (http != null) {
            http.close();
            http = null;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: this is the hook
            }
            shutdownHook = null;
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                failures.add(e);
            }
            lock = null;
        }
        if (!failures.isEmpty()) {
            StackException failure = new StackException("Stopping the stack in " + runDir + " failed: "
                    + failures.getFirst().getMessage(), failures.getFirst());
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The addresses of the servers that are configured, running or not. */
    public StackEndpoints endpoints() {
        Map<Server, String> addresses = new EnumMap<>(Server.class);
        configured.forEach((server, managed) -> addresses.put(server, managed.endpoint()));
        return new StackEndpoints(addresses);
    }

    public boolean isRunning(Server server) {
        ServerProcess process = running.get(server);
        return process != null && process.isAlive();
    }

    /** Servers whose process ended without the stack stopping it. */
    public Set<Server> crashed() {
        Set<Server> crashed = EnumSet.noneOf(Server.class);
        running.forEach((server, process) -> {
            if (!process.isAlive()) {
                crashed.add(server);
            }
        });
        return crashed;
    }

    /** The last lines of a server's log. */
    public String logTail(Server server, int lines) {
        return ServerProcess.tail(logFile(server), lines);
    }

    /**
     * The pid of the process the stack started for a server. For Elasticsearch that is its launcher JVM, whose
     * child is the server JVM ({@link #process(Server)}{@code .descendants()}).
     */
    public OptionalLong pid(Server server) {
        ServerProcess process = running.get(server);
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    public Optional<ProcessHandle> process(Server server) {
        return Optional.ofNullable(running.get(server)).map(ServerProcess::handle);
    }

    /** Pids of the running servers' processes. */
    public Map<Server, Long> pids() {
        Map<Server, Long> pids = new EnumMap<>(Server.class);
        running.forEach((server, process) -> pids.put(server, process.pid()));
        return pids;
    }

    /** How long each server took from launch to ready, the last time it started. */
    public Map<Server, Duration> startupTimes() {
        return new EnumMap<>(startupTimes);
    }

    public Path runDir() {
        return runDir;
    }

    public Path logFile(Server server) {
        return runDir.resolve("logs").resolve(server.id() + ".log");
    }

    public Path endpointsFile() {
        return runDir.resolve(ENDPOINTS_FILE);
    }

    public Set<Server> servers() {
        return servers;
    }

    private void checkArtifacts() {
        if (servers.contains(Server.KAFKA)) {
            distribution.kafkaLibs();
        }
        if (servers.contains(Server.REGISTRY)) {
            distribution.registryJar();
        }
        if (servers.contains(Server.ELASTICSEARCH)) {
            distribution.elasticsearchHome();
        }
    }

    private void startAll() {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(),
                Thread.ofPlatform().name("newsflow-stack-start-", 1).daemon().factory());
        starting = pool;
        try {
            CompletionService<Server> completion = new ExecutorCompletionService<>(pool);
            CompletableFuture<Void> kafkaReady = new CompletableFuture<>();
            for (Server server : servers) {
                completion.submit(() -> {
                    if (server == Server.REGISTRY && servers.contains(Server.KAFKA)) {
                        awaitKafkaForRegistry(kafkaReady);
                    }
                    try {
                        startFresh(server);
                    } catch (RuntimeException e) {
                        if (server == Server.KAFKA) {
                            kafkaReady.completeExceptionally(e);
                        }
                        throw e;
                    }
                    if (server == Server.KAFKA) {
                        kafkaReady.complete(null);
                    }
                }, server);
            }
            List<Throwable> failures = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                Future<Server> done = completion.take();
                try {
                    done.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                    pool.shutdownNow(); // no point waiting for the others
                }
            }
            if (!failures.isEmpty()) {
                Throwable first = failures.stream().filter(f -> !(f instanceof InterruptedStart)).findFirst()
                        .orElse(failures.getFirst());
                StackException failure = first instanceof StackException stackException ? stackException
                        : new StackException(first.toString(), first);
                failures.stream().filter(f -> f != first).forEach(failure::addSuppressed);
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while starting the stack in " + runDir, e);
        } finally {
            starting = null;
            pool.shutdownNow();
        }
    }

    /** The registry keeps its schemas on Kafka, so it starts once the broker is ready. */
    private static void awaitKafkaForRegistry(CompletableFuture<Void> kafkaReady) {
        try {
            kafkaReady.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedStart("Schema Registry start was interrupted while it waited for Kafka");
        } catch (ExecutionException e) {
            throw new InterruptedStart("Schema Registry not started: Kafka, which keeps its schemas, did not start");
        }
    }

    /** Starts a server on new ports; retries on other ports when another process took one meanwhile. */
    private void startFresh(Server server) {
        for (int attempt = 1; ; attempt++) {
            ManagedServer managed = create(server);
            configured.put(server, managed);
            try {
                launch(managed, true);
                return;
            } catch (PortTaken e) {
                if (attempt == START_ATTEMPTS || fixedPorts.containsKey(server)) {
                    throw e;
                }
                LOG.warn("{}: a port was taken before the server bound it; trying other ports", server.displayName());
            }
        }
    }

    private void launch(ManagedServer managed, boolean fresh) {
        Server server = managed.server();
        try {
            if (fresh) {
                Files.deleteIfExists(logFile(server)); // a restart appends, a new stack starts a new log
            }
            managed.prepare(fresh);
        } catch (IOException e) {
            throw new StackException("Cannot prepare " + server.displayName() + " in " + runDir + ": " + e, e);
        }
        LOG.info("Starting {} on {} (ports {}, log {})", server.displayName(), managed.endpoint(), managed.ports(),
                logFile(server));
        long launched = System.nanoTime();
        ServerProcess process = ServerProcess.start(server.id(), managed.launchSpec(), logFile(server), owned);
        running.put(server, process);
        try {
            awaitReady(managed, process);
        } catch (RuntimeException e) {
            running.remove(server);
            process.stop(stopTimeout);
            throw e;
        }
        process.recordChildren();
        Duration took = Duration.ofNanos(System.nanoTime() - launched);
        startupTimes.put(server, took);
        LOG.info("{} ready on {} after {} ms ({} ms of CPU)", server.displayName(), managed.endpoint(), took.toMillis(),
                process.cpuTime().toMillis());
    }

    private void awaitReady(ManagedServer managed, ServerProcess process) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String lastCheck = "no check yet";
        while (true) {
            Integer exitCode = process.exitCodeOrNull();
            if (exitCode != null) {
                throw startFailure(managed, process, "it exited with code " + exitCode + " before it was ready");
            }
            Optional<String> notReady = managed.notReadyBecause();
            if (notReady.isEmpty()) {
                return;
            }
            lastCheck = notReady.get();
            if (System.nanoTime() > deadline) {
                throw startFailure(managed, process, "it was not ready within " + startTimeout.toSeconds()
                        + " s (last check: " + lastCheck + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedStart(managed.server().displayName() + " start was interrupted");
            }
        }
    }

    private StackException startFailure(ManagedServer managed, ServerProcess process, String what) {
        String tail = process.logTail(LOG_LINES_IN_ERRORS);
        String message = managed.server().displayName() + " did not start on " + managed.endpoint() + ": " + what
                + ". Its log is " + process.logFile() + "; last lines:\n" + tail;
        boolean portTaken = tail.contains("already in use") || tail.contains("already bound");
        return portTaken ? new PortTaken(message) : new StackException(message);
    }

    private ManagedServer create(Server server) {
        int[] assigned = ports.allocate(server == Server.REGISTRY ? 1 : 2);
        Integer fixed = fixedPorts.get(server);
        if (fixed != null) {
            if (!PortAllocator.isFree(fixed)) {
                throw new StackException(server.displayName() + " cannot use port " + fixed
                        + ": something already listens there (another stack?)");
            }
            assigned[0] = fixed;
        }
        Path dir = runDir.resolve(server.id());
        String heap = heaps.getOrDefault(server, DEFAULT_HEAPS.get(server));
        ServerSettings settings = new ServerSettings(jdk, heap, fullJit, owned.marker(), dir, logFile(server));
        return switch (server) {
            case KAFKA -> new KafkaServer(settings, distribution.kafkaLibs(), assigned[0], assigned[1]);
            case REGISTRY -> new RegistryServer(settings, distribution.registryJar(), assigned[0], http,
                    Optional.ofNullable(configured.get(Server.KAFKA)).map(ManagedServer::endpoint));
            case ELASTICSEARCH -> new ElasticsearchServer(settings, elasticsearchLayout(), assigned[0], assigned[1],
                    http);
        };
    }

    private ElasticsearchLayout elasticsearchLayout() {
        try {
            return ElasticsearchLayout.forRunDir(runDir, distribution.elasticsearchHome(),
                    distribution.elasticsearchVersion(), jdk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Elasticsearch's folders", e);
        }
    }

    private ManagedServer configuredServer(Server server) {
        ManagedServer managed = configured.get(server);
        if (managed == null) {
            throw new IllegalStateException(server.displayName() + " is not part of this stack (it runs "
                    + configured.keySet() + ")");
        }
        return managed;
    }

    private List<Throwable> stopAllRunning() {
        List<Throwable> failures = new ArrayList<>();
        List<Thread> stoppers = new ArrayList<>();
        Map<Server, ServerProcess> toStop = new LinkedHashMap<>(running);
        running.clear();
        toStop.forEach((server, process) -> stoppers.add(Thread.ofPlatform().name("newsflow-stack-stop-" + server.id())
                .start(() -> {
                    try {
                        process.stop(stopTimeout);
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(new StackException("Stopping " + server.displayName() + " (pid "
                                    + process.pid() + ") failed: " + e.getMessage(), e));
                        }
                    }
                })));
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        }
        if (!toStop.isEmpty()) {
            LOG.info("Stopped {} in {}", toStop.keySet(), runDir);
        }
        return failures;
    }

    private void stopOnShutdown() {
        ExecutorService pool = starting;
        if (pool != null) {
            pool.shutdownNow(); // a start in progress gives up, so the stop below can take the monitor
        }
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.error("Stopping the stack at JVM exit failed", e);
        }
    }

    /** A server failed to start because another process took one of its ports first. */
    private static final class PortTaken extends StackException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static final class InterruptedStart extends StackException {
        InterruptedStart(String message) {
            super(message);
        }
    }

    /** Options of a {@link Stack}; every one has a default. */
    public static final class Builder {

        private final Set<Server> servers = EnumSet.allOf(Server.class);
        private Path runDir = Path.of("target", "newsflow-stack");
        private final Map<Server, String> heaps = new EnumMap<>(Server.class);
        private final Map<Server, Integer> fixedPorts = new EnumMap<>(Server.class);
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private boolean fullJit;
        private Supplier<StackDistribution> distribution = StackDistribution::fromBuild;

        private Builder() {
        }

        /** Which servers to run (default: all three). */
        public Builder servers(Collection<Server> servers) {
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("a stack needs at least one server");
            }
            this.servers.clear();
            this.servers.addAll(servers);
            return this;
        }

        public Builder servers(Server first, Server... more) {
            return servers(EnumSet.of(first, more));
        }

        /**
         * Where the stack keeps its logs, pid files, config and data (default {@code target/newsflow-stack} under
         * the working directory, which is the module's folder in Maven tests). One per checkout: never share one.
         */
        public Builder runDir(Path runDir) {
            String path = runDir.toAbsolutePath().toString();
            if (path.chars().anyMatch(Character::isWhitespace)) {
                // Elasticsearch's launcher splits ES_JAVA_OPTS, which carries the run dir, on whitespace.
                throw new IllegalArgumentException("the stack's run dir must not contain whitespace: '" + path + "'");
            }
            this.runDir = runDir;
            return this;
        }

        /** Heap of a server's JVM, such as {@code 512m} (defaults: Kafka 512m, registry 320m, Elasticsearch 512m). */
        public Builder heap(Server server, String heap) {
            if (!HEAP.matcher(heap).matches()) {
                throw new IllegalArgumentException("heap of " + server.displayName() + " must look like 512m or 1g, not '"
                        + heap + "'");
            }
            heaps.put(server, heap);
            return this;
        }

        /** A fixed client port for a server instead of a free one (the start fails if it is taken). */
        public Builder port(Server server, int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port of " + server.displayName() + " out of range: " + port);
            }
            fixedPorts.put(server, port);
            return this;
        }

        /**
         * Let the servers' JVMs use the optimising C2 JIT (default: C1 only, which starts them with about 40% less
         * CPU). Worth it for benchmarks of the servers' own throughput or a long-running {@code stack up}.
         */
        public Builder fullJit(boolean fullJit) {
            this.fullJit = fullJit;
            return this;
        }

        /** How long each server may take to become ready (default 5 minutes: the machine may be busy). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = positive(startTimeout, "start timeout");
            return this;
        }

        /** How long a server may take to stop after SIGTERM before it is killed (default 30 s). */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = positive(stopTimeout, "stop timeout");
            return this;
        }

        /** Where the server artifacts are (default: where the stack module's build put them). */
        public Builder distribution(StackDistribution distribution) {
            Objects.requireNonNull(distribution, "distribution");
            this.distribution = () -> distribution;
            return this;
        }

        public Stack build() {
            return new Stack(this);
        }

        private static Duration positive(Duration duration, String what) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, not " + duration);
            }
            return duration;
        }
    }
}
