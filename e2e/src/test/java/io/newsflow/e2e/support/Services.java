package io.newsflow.e2e.support;

import io.newsflow.stack.junit.FreePorts;
import io.newsflow.stack.junit.PipelineConfig;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The child services of a test class, as a JUnit extension: register it on a field
 * ({@code @RegisterExtension final Services services = new Services();}), start services through it, and it stops
 * every one of them after each test (after all tests when the class shares one instance and starts its pipeline in
 * {@code @BeforeAll}), whatever the outcome: no child outlives its test.
 */
public final class Services implements AfterEachCallback, AfterAllCallback, AutoCloseable {
    private final List<ServiceProcess> started = new ArrayList<>();

    /** Starts {@code newsflow <service>} with its file of this run's configuration; logs in the run's folder. */
    public ServiceProcess start(PipelineConfig config, String service, String heap) {
        return start(config, service, heap, Map.of());
    }

    /** The same, with {@code -D} system properties (a service's test seam). */
    public ServiceProcess start(PipelineConfig config, String service, String heap,
            Map<String, String> systemProperties) {
        ServiceProcess process = ServiceProcess.start(service, config.write(service), config.opsPort(service), heap,
                config.dir().resolve("logs"), systemProperties);
        synchronized (this) {
            started.add(process);
        }
        return process;
    }

    /**
     * Starts one more instance of {@code service} from its own config file ({@code <service>-<instance>.yml}, with
     * {@code changes} applied to the service's section), its own ops port and log folder.
     */
    public ServiceProcess startInstance(PipelineConfig config, String service, String instance, String heap,
            Map<String, Object> changes) {
        return startInstance(config, service, instance, heap, changes, System.getProperty("java.class.path"));
    }

    /** The same on another build's classpath (a benchmark's baseline). */
    public ServiceProcess startInstance(PipelineConfig config, String service, String instance, String heap,
            Map<String, Object> changes, String classpath) {
        int opsPort = FreePorts.next();
        Path file = config.writeInstance(service, instance, opsPort, changes);
        ServiceProcess process = ServiceProcess.start(service, file, opsPort, heap,
                config.dir().resolve("logs-" + instance), Map.of(), classpath);
        synchronized (this) {
            started.add(process);
        }
        return process;
    }

    /** Fails, with the end of its log, if a service has exited. */
    public synchronized void assertRunning() {
        started.forEach(ServiceProcess::assertRunning);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
                == TestInstance.Lifecycle.PER_METHOD) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops every service, the last started first; a service that will not stop is killed. */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        synchronized (this) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        RuntimeException failure = null;
        for (int i = toStop.size() - 1; i >= 0; i--) {
            try {
                toStop.get(i).stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
