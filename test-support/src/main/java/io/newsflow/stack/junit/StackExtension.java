package io.newsflow.stack.junit;

import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.StackException;
import io.newsflow.stack.StackMode;
import io.newsflow.stack.StackProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one real stack (Kafka, Schema Registry, Elasticsearch) per test JVM and hands tests its
 * {@link StackEndpoints}, and the {@link Stack} itself for fault tests (stop / restart a server, pids).
 *
 * <pre>{@code
 * @ExtendWith(StackExtension.class)
 * class SinkIT {
 *     @Test
 *     void indexes(StackEndpoints endpoints) { ... endpoints.elasticsearchUrl() ... }
 *
 *     @Test
 *     void survivesAnElasticsearchRestart(Stack stack) { stack.stop(Server.ELASTICSEARCH); ... }
 * }
 * }</pre>
 *
 * <p>The stack starts before the first test class that uses the extension and stops when the JVM's last test has
 * run. Its run dir is {@code target/newsflow-stack} under the working directory (the module's folder under Maven).
 * A class annotated {@link StackServers} gets (at least) those servers; others get all three.
 *
 * <p>To iterate fast against servers that are already running (say from {@code ./newsflow stack up}), set
 * {@code -Dnewsflow.stack.external=<endpoints file>} or {@code NEWSFLOW_STACK_EXTERNAL=<endpoints file>}: the
 * extension then reads the endpoints from that file ({@code stack up} writes {@code <run dir>/endpoints.properties})
 * and starts nothing. Tests that ask for the {@link Stack} fail in that mode: an external stack is not ours to stop.
 *
 * <p>On a machine with a Docker engine, {@code -Dnewsflow.stack=testcontainers} ({@link StackMode}) runs the same
 * servers as containers with the images of {@code docker-compose.yml} instead; tests that ask for the {@link Stack}
 * (fault tests that stop a server process) fail in that mode too.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver {

    public static final String START_TIMEOUT_PROPERTY = "newsflow.stack.startTimeout";
    public static final String START_TIMEOUT_ENV = "NEWSFLOW_STACK_START_TIMEOUT";
    static final Path RUN_DIR = Path.of("target", "newsflow-stack");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackEndpoints.class || type == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StackEndpoints endpoints = endpoints(context);
        if (parameter.getParameter().getType() == StackEndpoints.class) {
            return endpoints;
        }
        SharedStack shared = shared(context);
        return shared.stack().orElseThrow(() -> new ParameterResolutionException(shared.provider != null
                ? "A test asks for the Stack, but the servers are containers (-D" + StackMode.PROPERTY + "="
                        + StackMode.TESTCONTAINERS.id() + "): this test stops server processes. Run it without that."
                : "A test asks for the Stack, but the stack is external (" + shared.externalFile + "): stopping or"
                        + " restarting its servers is not possible. Run this test without "
                        + StackEndpoints.EXTERNAL_PROPERTY + " / " + StackEndpoints.EXTERNAL_ENV + "."));
    }

    private static StackEndpoints endpoints(ExtensionContext context) {
        Set<Server> needed = neededBy(context.getRequiredTestClass());
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.open(needed), SharedStack.class)
                .endpoints(needed);
    }

    private static SharedStack shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).get(SharedStack.class, SharedStack.class);
    }

    /** The servers a test class asks for with {@link StackServers} (on it or a class enclosing it), else all. */
    static Set<Server> neededBy(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            StackServers servers = type.getAnnotation(StackServers.class);
            if (servers != null && servers.value().length > 0) {
                return EnumSet.copyOf(List.of(servers.value()));
            }
        }
        return EnumSet.allOf(Server.class);
    }

    /**
     * The JVM's stack, kept in the root store, which closes it after the last test. A failed start is kept too, so
     * every later test class fails at once with the same cause instead of waiting for another start.
     */
    static final class SharedStack implements AutoCloseable {

        private final Stack stack;
        private final StackEndpoints endpoints;
        private final Path externalFile;
        private final RuntimeException failure;
        private StackProvider provider; // containers (-Dnewsflow.stack=testcontainers), else null

        private SharedStack(Stack stack, StackEndpoints endpoints, Path externalFile, RuntimeException failure) {
            this.stack = stack;
            this.endpoints = endpoints;
            this.externalFile = externalFile;
            this.failure = failure;
        }

        private static SharedStack containers(Set<Server> servers) {
            try {
                StackProvider provider = StackMode.containers();
                try {
                    SharedStack shared = new SharedStack(null, provider.start(servers), null, null);
                    shared.provider = provider;
                    return shared;
                } catch (RuntimeException e) {
                    provider.close();
                    throw e;
                }
            } catch (RuntimeException e) {
                return new SharedStack(null, null, null, e);
            }
        }

        static SharedStack open(Set<Server> servers) {
            String external = System.getProperty(StackEndpoints.EXTERNAL_PROPERTY,
                    System.getenv(StackEndpoints.EXTERNAL_ENV));
            if (external != null && !external.isBlank()) {
                Path file = Path.of(external);
                try {
                    return new SharedStack(null, StackEndpoints.readFrom(file), file, null);
                } catch (StackException e) {
                    return new SharedStack(null, null, file, e);
                }
            }
            try {
                if (StackMode.selected() == StackMode.TESTCONTAINERS) {
                    return containers(servers);
                }
            } catch (StackException e) {
                return new SharedStack(null, null, null, e);
            }
            Stack stack = Stack.builder().runDir(RUN_DIR).servers(servers).startTimeout(startTimeout()).build();
            try {
                return new SharedStack(stack, stack.start(), null, null);
            } catch (RuntimeException e) {
                return new SharedStack(null, null, null, e);
            }
        }

        /** {@value #START_TIMEOUT_PROPERTY} (ISO-8601, e.g. PT10M) lengthens the wait on a slow or loaded machine. */
        private static Duration startTimeout() {
            String value = System.getProperty(START_TIMEOUT_PROPERTY, System.getenv(START_TIMEOUT_ENV));
            if (value == null || value.isBlank()) {
                return Stack.DEFAULT_START_TIMEOUT;
            }
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new StackException(START_TIMEOUT_PROPERTY + " must be an ISO-8601 duration such as PT10M, not '"
                        + value + "'");
            }
        }

        /** The endpoints, after starting whichever of {@code needed} the stack does not run yet. */
        synchronized StackEndpoints endpoints(Set<Server> needed) {
            if (failure != null) {
                throw failure;
            }
            if (provider != null) {
                return provider.start(needed);
            }
            if (stack == null) {
                Set<Server> missing = EnumSet.copyOf(needed);
                missing.removeAll(endpoints.asMap().keySet());
                if (!missing.isEmpty()) {
                    throw new StackException("The external stack in " + externalFile + " has no " + missing
                            + ", which this test class needs");
                }
                return endpoints;
            }
            for (Server server : needed) {
                if (!stack.endpoints().has(server)) {
                    stack.start(server);
                }
            }
            return stack.endpoints();
        }

        Optional<Stack> stack() {
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(stack);
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.stop();
            }
            if (provider != null) {
                provider.close();
            }
        }
    }
}
