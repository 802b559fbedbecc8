package io.newsflow.stack.junit;

import io.newsflow.stack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration of one pipeline run, written as the YAML files the services read ({@code <service>.yml}: the
 * shared sections plus that service's own). Every name a run uses (topics, application id, consumer group, ledger
 * topic, index alias and template) starts with the run's name, so runs on one stack never meet.
 */
public final class PipelineConfig {
    public static final List<String> SERVICES = List.of("ingest", "enrich", "sink");

    private final String name;
    private final Path dir;
    private final Map<String, Object> shared = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> own = new LinkedHashMap<>();
    private final Map<String, Integer> opsPorts = new LinkedHashMap<>();

    private PipelineConfig(String name, Path dir) {
        this.name = name;
        this.dir = dir.toAbsolutePath();
    }

    /**
     * A new run against the stack's servers, named {@code <prefix>-<6 random hex digits>} (so that runs against a
     * long-lived stack, see {@code StackExtension}, never meet earlier ones), writing its files and the enricher's
     * state under {@code target/e2e/<name>}.
     */
    public static PipelineConfig forRun(String prefix, StackEndpoints endpoints) {
        if (!prefix.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("run names are lower-case letters, digits and '-': " + prefix);
        }
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        PipelineConfig config = new PipelineConfig(name, Path.of("target", "e2e", name));
        config.shared.put("kafka", new LinkedHashMap<>(Map.of("bootstrapServers", endpoints.kafkaBootstrapServers())));
        config.shared.put("registry", new LinkedHashMap<>(Map.of("url", endpoints.registryUrl())));
        Map<String, Object> topics = new LinkedHashMap<>();
        topics.put("raw", name + ".raw");
        topics.put("clean", name + ".clean");
        topics.put("deadLetter", name + ".dlq");
        topics.put("health", name + ".health");
        config.shared.put("topics", topics);
        Map<String, Object> ops = new LinkedHashMap<>();
        ops.put("host", "127.0.0.1");
        for (String service : SERVICES) {
            int port = FreePorts.next();
            config.opsPorts.put(service, port);
            ops.put(service + "Port", port);
        }
        config.shared.put("ops", ops);
        SERVICES.forEach(service -> config.own.put(service, new LinkedHashMap<>()));
        config.set("enrich", "applicationId", name + "-enrich");
        config.set("enrich", "stateDir", config.dir.resolve("enrich-state").toString());
        config.set("enrich", "health.applicationId", name + "-health");
        config.set("sink", "sourceHealth.index", name + "-source-health");
        config.set("sink", "sourceHealth.transitionsIndex", name + "-source-health-transitions");
        config.set("sink", "sourceHealth.groupId", name + "-sink-health");
        config.set("sink", "groupId", name + "-sink");
        config.set("sink", "elasticsearch.urls", List.of(endpoints.elasticsearchUrl()));
        config.set("sink", "index.alias", config.alias());
        config.set("sink", "index.template", config.alias());
        config.set("ingest", "ledgerTopic", name + ".ingest.published");
        return config;
    }

    /** Sets {@code <service>.<path>}, the path dotted ({@code bulk.flushInterval}). */
    public PipelineConfig set(String service, String path, Object value) {
        Map<String, Object> section = own.get(service);
        if (section == null) {
            throw new IllegalArgumentException("no service " + service + " (" + SERVICES + ")");
        }
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length - 1; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) section.computeIfAbsent(keys[i],
                    key -> new LinkedHashMap<String, Object>());
            section = next;
        }
        section.put(keys[keys.length - 1], value);
        return this;
    }

    /** Sets {@code kafka.properties.<key>}: a client property every service's clients get. */
    @SuppressWarnings("unchecked")
    public PipelineConfig kafkaProperty(String key, Object value) {
        Map<String, Object> kafka = (Map<String, Object>) shared.get("kafka");
        ((Map<String, Object>) kafka.computeIfAbsent("properties", k -> new LinkedHashMap<String, Object>()))
                .put(key, String.valueOf(value));
        return this;
    }

    /**
     * A killed service's consumer group member is declared dead after 10 s instead of Kafka's default 45 s, so its
     * partitions go to the restarted service sooner. Nothing else changes: the tests that kill services use it to
     * spend less time waiting.
     */
    public PipelineConfig fastFailover() {
        return kafkaProperty("session.timeout.ms", 10_000).kafkaProperty("heartbeat.interval.ms", 1_000);
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    /** Reads raw articles from another run's topic (the benchmark's apps share one loaded topic). */
    public PipelineConfig withRawTopic(String topic) {
        topics().put("raw", topic);
        return this;
    }

    /** Reads clean articles from another run's topic (the source-health benchmark's loaded topic). */
    public PipelineConfig withCleanTopic(String topic) {
        topics().put("clean", topic);
        return this;
    }

    public String rawTopic() {
        return (String) topics().get("raw");
    }

    public String cleanTopic() {
        return (String) topics().get("clean");
    }

    public String healthTopic() {
        return (String) topics().get("health");
    }

    public String deadLetterTopic() {
        return (String) topics().get("deadLetter");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> topics() {
        return (Map<String, Object>) shared.get("topics");
    }

    /** The sink's write alias: searches go to it. */
    public String alias() {
        return name + "-articles";
    }

    public String enrichApplicationId() {
        return (String) own.get("enrich").get("applicationId");
    }

    public int opsPort(String service) {
        return opsPorts.get(service);
    }

    /**
     * Writes {@code <dir>/<service>-<instance>.yml}: the service's section with {@code changes} (dotted paths) on
     * top, and its ops port {@code opsPort}; for several instances of one service.
     */
    @SuppressWarnings("unchecked")
    public Path writeInstance(String service, String instance, int opsPort, Map<String, Object> changes) {
        Map<String, Object> saved = deepCopy(own.get(service));
        Map<String, Object> savedOps = new LinkedHashMap<>((Map<String, Object>) shared.get("ops"));
        try {
            changes.forEach((path, value) -> set(service, path, value));
            ((Map<String, Object>) shared.get("ops")).put(service + "Port", opsPort);
            Path file = write(service);
            Path instanceFile = dir.resolve(service + "-" + instance + ".yml");
            Files.move(file, instanceFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return instanceFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config of " + instance, e);
        } finally {
            own.put(service, saved);
            shared.put("ops", savedOps);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> inner
                ? deepCopy((Map<String, Object>) inner) : value));
        return copy;
    }

    /** Writes {@code <dir>/<service>.yml} and returns it. */
    public Path write(String service) {
        Map<String, Object> document = new LinkedHashMap<>(shared);
        document.put(service, own.get(service));
        return write(service + ".yml", document);
    }

    /** Writes {@code <dir>/newsflow.yml}, every service's section in one file (as {@code newsflow up} reads it). */
    public Path writeAll() {
        Map<String, Object> document = new LinkedHashMap<>(shared);
        document.putAll(own);
        return write("newsflow.yml", document);
    }

    private Path write(String fileName, Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, "# written by the tests for run " + name + "\n"
                    + new Yaml(options).dump(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
