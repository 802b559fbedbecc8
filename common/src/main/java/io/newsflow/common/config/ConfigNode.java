package io.newsflow.common.config;

import com.fasterxml.jackson.core.type.TypeReference;
import io.newsflow.common.yaml.YamlBinding.Located;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A section of the configuration, possibly absent from the file. Typed getters return the environment override,
 * else the file's value, else the default; a value of the wrong type is recorded as a problem (with file and line)
 * and the default is returned, so binding goes on and every problem is reported at once.
 */
public final class ConfigNode {

    private final ConfigSource source;
    private final Node node;
    private final List<String> path;

    ConfigNode(ConfigSource source, Node node, List<String> path) {
        this.source = source;
        this.node = node instanceof MappingNode ? node : null;
        this.path = List.copyOf(path);
    }

    /** A nested section; absent sections read as empty (defaults and environment still apply). */
    public ConfigNode section(String key) {
        Node child = child(key);
        if (child != null && !(child instanceof MappingNode) && !isNull(child)) {
            source.addProblem(child, pathOf(key), "must be a section of settings, not a single value or list");
        }
        return new ConfigNode(source, child, append(key));
    }

    public boolean has(String key) {
        return environmentValue(key) != null || (child(key) != null && !isNull(child(key)));
    }

    public Optional<String> optionalString(String key) {
        String fromEnv = environmentValue(key);
        if (fromEnv != null) {
            return fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
        }
        Node child = child(key);
        if (child == null || isNull(child)) {
            return Optional.empty();
        }
        if (child instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue().trim());
        }
        source.addProblem(child, pathOf(key), "must be a single value");
        return Optional.empty();
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        return inRange(key, typed(key, defaultValue, ConfigNode::parseLong, "a whole number"), defaultValue, min, max);
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        return inRange(key, typed(key, defaultValue, ConfigNode::parseDouble, "a number"), defaultValue, min, max);
    }

    public boolean bool(String key, boolean defaultValue) {
        return typed(key, defaultValue, ConfigNode::parseBoolean, "true or false");
    }

    /** Durations are written {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT1M}). */
    public Duration duration(String key, Duration defaultValue) {
        return typed(key, defaultValue, Durations::parse, "a duration; write it like 250ms, 30s, 5m, 2h or 1d");
    }

    /** An enum setting, written in any case; the message lists the allowed values. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        Optional<String> raw = optionalString(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String wanted = raw.get().trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        problem(key, "'" + raw.get() + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
        return defaultValue;
    }

    /** A list of values: a YAML list, or one comma-separated value (also how the environment gives lists). */
    public List<String> strings(String key, List<String> defaultValue) {
        String fromEnv = environmentValue(key);
        if (fromEnv != null) {
            return splitCommas(fromEnv);
        }
        Node child = child(key);
        if (child == null || isNull(child)) {
            return defaultValue;
        }
        if (child instanceof ScalarNode scalar) {
            return splitCommas(scalar.getValue());
        }
        if (child instanceof SequenceNode sequence) {
            List<String> values = new ArrayList<>();
            for (Node element : sequence.getValue()) {
                if (element instanceof ScalarNode scalar) {
                    values.add(scalar.getValue().trim());
                } else {
                    source.addProblem(element, pathOf(key), "list entries must be single values");
                }
            }
            return List.copyOf(values);
        }
        source.addProblem(child, pathOf(key), "must be a list of values");
        return defaultValue;
    }

    /**
     * A list of entries bound by Jackson onto records ({@code List<Located<FeedDoc>>}), each entry handed to
     * {@code check} with its line and path ({@code ingest.feeds[2]}) for the caller's own checks
     * ({@link #problemAt}). Unknown keys and values of the wrong type are problems with file, line and path (such a
     * field reads as null), listed with the check's problems in the order of their lines. Lists have no environment
     * override.
     */
    public <T> void bindList(String key, TypeReference<List<Located<T>>> type, Consumer<Located<T>> check) {
        source.markRead(pathOf(key));
        // Jackson checks the entries' keys itself
        source.markRead(pathOf(key) + "[*]");
        if (node != null) {
            source.bindList(pathOf(key), type, check);
        }
    }

    /** A problem with {@code key} of a bound entry ({@link #bindList}); an empty key names the entry itself. */
    public void problemAt(Located<?> entry, String key, String message) {
        source.addProblem(locationOf(entry), key.isEmpty() ? entry.path() : entry.path() + "." + key, message);
    }

    /** Where a bound entry is written: {@code newsflow.yml:12}. */
    public String locationOf(Located<?> entry) {
        return entry.line() > 0 ? source.name() + ":" + entry.line() : source.name();
    }

    /**
     * Free-form string settings, such as extra Kafka client properties. The environment gives them as one
     * variable of {@code key=value} pairs separated by semicolons.
     */
    public Map<String, String> map(String key) {
        Map<String, String> values = new LinkedHashMap<>();
        Node child = child(key);
        source.markRead(pathOf(key) + ".*");
        if (child instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getValueNode() instanceof ScalarNode scalar) {
                    values.put(ConfigSource.keyOf(tuple), scalar.getValue());
                } else {
                    source.addProblem(tuple.getValueNode(), pathOf(key) + "." + ConfigSource.keyOf(tuple),
                            "must be a single value");
                }
            }
        } else if (child != null && !isNull(child)) {
            source.addProblem(child, pathOf(key), "must be a section of key: value pairs");
        }
        String fromEnv = environmentValue(key);
        if (fromEnv != null) {
            for (String pair : fromEnv.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                } else if (!pair.isBlank()) {
                    source.addProblem("env " + EnvironmentVariables.nameOf(append(key)), pathOf(key),
                            "'" + pair.trim() + "' is not key=value");
                }
            }
        }
        return values;
    }

    /** Where this section is: the file and line of its first key, or the file when it is absent. */
    public String location() {
        return locationForMissing();
    }

    /** Where a setting of this section came from. */
    public String location(String key) {
        if (environmentValue(key) != null) {
            return "env " + EnvironmentVariables.nameOf(append(key));
        }
        Node child = child(key);
        return child != null ? source.location(child) : locationForMissing();
    }

    /** The dotted path of this section ({@code ingest.feeds[2]}). */
    public String path() {
        return String.join(".", path);
    }

    public void problem(String message) {
        source.addProblem(locationForMissing(), path(), message);
    }

    public void problem(String key, String message) {
        source.addProblem(location(key), pathOf(key), message);
    }

    public boolean isPresent() {
        return node != null;
    }

    /** Reads a value with {@code parse} (null when the text is not valid), reporting what was expected. */
    private <T> T typed(String key, T defaultValue, Function<String, T> parse, String expected) {
        Optional<String> raw = optionalString(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        T value = parse.apply(raw.get());
        if (value == null) {
            problem(key, "'" + raw.get() + "' is not " + expected);
            return defaultValue;
        }
        return value;
    }

    private <N extends Comparable<N>> N inRange(String key, N value, N defaultValue, N min, N max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            String written = optionalString(key).orElse(String.valueOf(value));
            problem(key, written + " is out of range; allowed " + min + " to " + max);
            return defaultValue;
        }
        return value;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Node child(String key) {
        source.markRead(pathOf(key));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (key.equals(ConfigSource.keyOf(tuple))) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private String environmentValue(String key) {
        // Reading a setting from the environment still reads it: the file's key is known, not unknown.
        source.markRead(pathOf(key));
        return source.environmentValue(EnvironmentVariables.nameOf(append(key)));
    }

    private String locationForMissing() {
        return node != null ? source.location(node) : source.name();
    }

    private String pathOf(String key) {
        return join(path(), key);
    }

    private List<String> append(String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return longer;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar
                && scalar.getTag().getValue().endsWith(":null");
    }

    private static List<String> splitCommas(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
