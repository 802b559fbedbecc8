package io.newsflow.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a test JVM's servers come from. {@code -Dnewsflow.stack=testcontainers} (or {@code NEWSFLOW_STACK}) selects
 * containers, for a machine with a Docker engine; the default runs the servers as local processes from Maven
 * artifacts ({@link Stack}), which needs no Docker and is what CI runs.
 */
public enum StackMode {
    PROCESSES("processes"),
    TESTCONTAINERS("testcontainers");

    public static final String PROPERTY = "newsflow.stack";
    public static final String ENV = "NEWSFLOW_STACK";
    /** The provider of {@link #TESTCONTAINERS}, loaded by name only when selected (Testcontainers is optional). */
    static final String CONTAINERS_PROVIDER = "io.newsflow.stack.containers.TestcontainersStack";

    private final String id;

    StackMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The mode the system property, else the environment variable, selects; {@link #PROCESSES} when neither. */
    public static StackMode selected() {
        return selected(System.getProperty(PROPERTY), System.getenv());
    }

    static StackMode selected(String property, Map<String, String> env) {
        String value = property != null && !property.isBlank() ? property : env.get(ENV);
        if (value == null || value.isBlank()) {
            return PROCESSES;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new StackException("-D" + PROPERTY + " / " + ENV + " is '" + value
                        + "'; expected one of " + Arrays.stream(values()).map(StackMode::id)
                        .collect(Collectors.joining(", "))));
    }

    /** The containers provider; fails with the way to get Testcontainers onto the classpath when it is missing. */
    public static StackProvider containers() {
        try {
            return (StackProvider) Class.forName(CONTAINERS_PROVIDER).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new StackException("-D" + PROPERTY + "=" + TESTCONTAINERS.id + " needs Testcontainers on the test"
                    + " classpath, which the Maven profile of the same name adds: run `./mvnw verify -D" + PROPERTY
                    + "=" + TESTCONTAINERS.id + "` (" + e + ")", e);
        }
    }
}
