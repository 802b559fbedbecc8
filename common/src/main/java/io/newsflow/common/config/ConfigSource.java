package io.newsflow.common.config;

import java.io.IOException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.newsflow.common.yaml.YamlBinding;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML configuration document plus the environment that overrides it. Values are read through {@link #root()};
 * every problem found while parsing or reading is collected here, so that a user sees all of them at once.
 *
 * <p>Not thread-safe: bind settings once at start-up, then use the resulting records.
 */
public final class ConfigSource {
    private static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

    private final String name;
    private final Map<String, String> env;
    private final Node document;
    private final String text;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> readPaths = new LinkedHashSet<>();
    private final Set<String> consultedVariables = new TreeSet<>();

    private ConfigSource(String name, Map<String, String> env, String yaml) {
        this.name = name;
        this.env = Map.copyOf(env);
        this.text = yaml;
        this.document = yaml == null ? null : compose(new StringReader(yaml));
    }

    /** Reads a config file; a missing or unreadable file is a problem, not an exception. */
    public static ConfigSource load(Path file, Map<String, String> env) {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), fileName, env);
        } catch (IOException e) {
            ConfigSource source = new ConfigSource(fileName, env, null);
            source.problems.add(new ConfigProblem(file.toString(), "", "cannot read the file (" + e + ")"));
            return source;
        }
    }

    public static ConfigSource parse(String yaml, String name, Map<String, String> env) {
        return new ConfigSource(name, env, yaml);
    }

    /** No file at all: every setting comes from the environment or its default (containers). */
    public static ConfigSource environmentOnly(Map<String, String> env) {
        return new ConfigSource("environment", env, null);
    }

    public String name() {
        return name;
    }

    public ConfigNode root() {
        return new ConfigNode(this, document, List.of());
    }

    public List<ConfigProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /**
     * Reports every key in the file that no binder read, with a suggestion when one is close. Call after all
     * settings were bound, or keys of sections that were not bound will be reported too.
     */
    public void reportUnknownKeys() {
        if (document instanceof MappingNode mapping) {
            findUnknown(mapping, "");
        }
    }

    /** The environment variables the binders looked up so far, whether set or not. */
    public Set<String> consultedVariables() {
        return Collections.unmodifiableSet(consultedVariables);
    }

    void addProblem(Node at, String setting, String message) {
        problems.add(new ConfigProblem(location(at), setting, message));
    }

    void addProblem(String location, String setting, String message) {
        problems.add(new ConfigProblem(location, setting, message));
    }

    String location(Node node) {
        return node == null ? name : name + ":" + (node.getStartMark().getLine() + 1);
    }

    String environmentValue(String variable) {
        consultedVariables.add(variable);
        return env.get(variable);
    }

    /**
     * Binds the list at {@code path} with Jackson ({@link YamlBinding}) and runs {@code check} on every entry; the
     * binding's problems and the check's are recorded together, entry by entry in the order of their lines, each
     * with file, line and path.
     */
    <T> void bindList(String path, TypeReference<List<YamlBinding.Located<T>>> type,
            Consumer<YamlBinding.Located<T>> check) {
        if (document == null) {
            return;
        }
        YamlBinding.Bound<List<YamlBinding.Located<T>>> bound = YamlBinding.bindAt(name, text, path, type,
                (key, known) -> "unknown setting" + didYouMean(key, known));
        List<ConfigProblem> binding = new ArrayList<>(bound.problems().stream()
                .map(p -> new ConfigProblem(p.line() > 0 ? name + ":" + p.line() : name, p.path(), p.message()))
                .toList());
        List<YamlBinding.Located<T>> entries = bound.value() == null ? List.of() : bound.value();
        for (YamlBinding.Located<T> entry : entries) {
            if (entry == null) {
                continue;
            }
            int before = problems.size();
            check.accept(entry);
            List<ConfigProblem> ofEntry = new ArrayList<>(problems.subList(before, problems.size()));
            problems.subList(before, problems.size()).clear();
            for (var it = binding.iterator(); it.hasNext(); ) {
                ConfigProblem problem = it.next();
                if (problem.setting().equals(entry.path()) || problem.setting().startsWith(entry.path() + ".")) {
                    ofEntry.add(problem);
                    it.remove();
                }
            }
            ofEntry.sort(Comparator.comparingInt(ConfigSource::lineOf));
            problems.addAll(ofEntry);
        }
        problems.addAll(binding);
    }

    private static int lineOf(ConfigProblem problem) {
        int colon = problem.location().lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(problem.location().substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void markRead(String path) {
        readPaths.add(path);
    }

    private Node compose(Reader yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setNestingDepthLimit(30);
        try {
            Node node = new Yaml(options).compose(yaml);
            if (node == null) {
                return null;
            }
            if (!(node instanceof MappingNode)) {
                addProblem(node, "", "the file must be a mapping of sections (kafka:, registry:, ...)");
                return null;
            }
            checkDuplicates(node, "");
            return node;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? name : name + ":" + (mark.getLine() + 1);
            problems.add(new ConfigProblem(where, "", "not valid YAML: " + e.getProblem()));
            return null;
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(name, "", "not valid YAML: " + e.getMessage()));
            return null;
        }
    }

    private void checkDuplicates(Node node, String path) {
        if (node instanceof MappingNode mapping) {
            Set<String> seen = new LinkedHashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyOf(tuple);
                String childPath = ConfigNode.join(path, key);
                if (!seen.add(key)) {
                    addProblem(tuple.getKeyNode(), childPath, "set twice in the same section");
                }
                checkDuplicates(tuple.getValueNode(), childPath);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                checkDuplicates(sequence.getValue().get(i), path + "[" + i + "]");
            }
        }
    }

    private void findUnknown(MappingNode mapping, String path) {
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyOf(tuple);
            String childPath = ConfigNode.join(path, key);
            if (readPaths.contains(childPath)) {
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode child && !readPaths.contains(childPath + ".*")) {
                    findUnknown(child, childPath);
                } else if (value instanceof SequenceNode sequence && !readPaths.contains(childPath + "[*]")) {
                    for (int i = 0; i < sequence.getValue().size(); i++) {
                        if (sequence.getValue().get(i) instanceof MappingNode element) {
                            findUnknown(element, childPath + "[" + i + "]");
                        }
                    }
                }
            } else {
                addProblem(tuple.getKeyNode(), childPath, "unknown setting" + suggestion(mapping, path, key));
            }
        }
    }

    private String suggestion(MappingNode mapping, String path, String key) {
        String prefix = path.isEmpty() ? "" : path + ".";
        return didYouMean(key, readPaths.stream()
                .filter(p -> p.startsWith(prefix) && p.indexOf('.', prefix.length()) < 0 && !p.endsWith("*"))
                .map(p -> p.substring(prefix.length()))
                .filter(candidate -> !candidate.contains("["))
                .toList());
    }

    /** {@code "; did you mean 'x'?"} when one of the known keys is close to {@code key}, else empty. */
    private static String didYouMean(String key, java.util.Collection<String> known) {
        return known.stream().filter(candidate -> isClose(candidate, key)).findFirst()
                .map(candidate -> "; did you mean '" + candidate + "'?").orElse("");
    }

    private static boolean isClose(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        return x.equals(y) || editDistance(x, y) <= Math.max(1, Math.min(x.length(), y.length()) / 4);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String keyOf(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
    }
}
