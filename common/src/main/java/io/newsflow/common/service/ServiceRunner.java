package io.newsflow.common.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.ops.HealthCheck;
import io.newsflow.common.ops.OpsLookup;
import io.newsflow.common.ops.OpsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs services until the process is asked to stop (Ctrl-C, SIGTERM) or one of them fails, then closes them in
 * reverse order of start. This is the one copy of the "main" plumbing that every service command shares.
 *
 * <p>{@link #run} blocks and owns the process's shutdown; {@link #start} returns the running services to a caller
 * that owns the shutdown itself ({@code newsflow up} stops the services before the servers they talk to).
 */
public final class ServiceRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    /** Starts one service; what it returns is closed on shutdown. */
    @FunctionalInterface
    public interface Starter {
        AutoCloseable start(ServiceContext context) throws Exception;
    }

    /** A service to run, with the ops endpoint it serves. */
    public record Definition(String name, OpsSettings ops, Starter starter) {}

    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, MeterRegistry> meters = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private ServiceRunner() {}

    /** Runs the services and blocks until they stop; returns the process exit code (0 clean, 1 failed). */
    public static int run(List<Definition> definitions) {
        return new ServiceRunner().runAll(definitions);
    }

    /**
     * Starts the services in order and returns them running; no shutdown hook is installed, {@link #close()} stops
     * them (last started first). If one cannot start, those already started are closed and the exception is thrown.
     */
    public static ServiceRunner start(List<Definition> definitions) throws Exception {
        ServiceRunner runner = new ServiceRunner();
        try {
            for (Definition definition : definitions) {
                runner.start(definition);
            }
        } catch (Exception | Error e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /** The meters of a started service, by its {@link Definition#name()}. */
    public synchronized Optional<MeterRegistry> meters(String service) {
        return Optional.ofNullable(meters.get(service));
    }

    /** Why a service gave up ({@link ServiceContext#fail}), if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Waits up to {@code timeout} for a service to fail or the services to be closed; true if either happened. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops every service, last started first. Safe to call more than once. */
    @Override
    public void close() {
        stop();
    }

    private int runAll(List<Definition> definitions) {
        Thread hook = new Thread(this::stop, "newsflow-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (Definition definition : definitions) {
                start(definition);
            }
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            log.error("could not start: {}", e.getMessage(), e);
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running: nothing to remove.
            }
        }
        return failure.get() == null ? 0 : 1;
    }

    private void start(Definition definition) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", definition.name());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        OpsServer ops = definition.ops().enabled()
                ? OpsServer.start(definition.ops().host(), definition.ops().port(), registry)
                : null;
        if (ops != null) {
            register(ops);
        }
        register(registry::close);
        synchronized (this) {
            meters.put(definition.name(), registry);
        }
        register(definition.starter().start(new Context(definition.name(), registry, ops)));
        log.info("{} started", definition.name());
    }

    private synchronized void register(AutoCloseable closeable) {
        running.add(closeable);
    }

    private void stop() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(running);
            running.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.toString());
            }
        }
        stopped.countDown();
    }

    private final class Context implements ServiceContext {
        private final String name;
        private final MeterRegistry meters;
        private final OpsServer ops;

        Context(String name, MeterRegistry meters, OpsServer ops) {
            this.name = name;
            this.meters = meters;
            this.ops = ops;
        }

        @Override
        public MeterRegistry meters() {
            return meters;
        }

        @Override
        public void health(String check, HealthCheck healthCheck) {
            if (ops != null) {
                ops.register(check, healthCheck);
            }
        }

        @Override
        public void lookup(String path, OpsLookup lookup) {
            if (ops != null) {
                ops.lookup(path, lookup);
            }
        }

        @Override
        public void fail(String reason, Throwable cause) {
            log.error("{} failed: {}", name, reason, cause);
            failure.compareAndSet(null, cause);
            stopped.countDown();
        }
    }
}
