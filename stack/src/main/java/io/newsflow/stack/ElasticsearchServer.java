package io.newsflow.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A single-node Elasticsearch without security, from the integ-test-zip distribution, started through its own
 * {@code bin/elasticsearch} (a small launcher JVM that starts the server JVM). Each node gets its own config folder
 * ({@code ES_PATH_CONF}), so one distribution serves every stack on the machine.
 */
final class ElasticsearchServer implements ManagedServer {

    private static final Pattern HEALTH_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private final ServerSettings settings;
    private final ElasticsearchLayout layout;
    private final int httpPort;
    private final int transportPort;
    private final HttpProbe http;

    ElasticsearchServer(ServerSettings settings, ElasticsearchLayout layout, int httpPort, int transportPort,
            HttpProbe http) {
        this.settings = settings;
        this.layout = layout;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.http = http;
    }

    @Override
    public Server server() {
        return Server.ELASTICSEARCH;
    }

    @Override
    public List<Integer> ports() {
        return List.of(httpPort, transportPort);
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path configDir() {
        return layout.stateDir().resolve("config");
    }

    String elasticsearchYml() {
        return String.join("\n",
                "# Written by the newsflow stack; rewritten at every start.",
                "cluster.name: newsflow-stack",
                "node.name: newsflow-stack",
                "discovery.type: single-node",
                "xpack.security.enabled: false",
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "path.data: " + quoted(layout.stateDir().resolve("data")),
                "path.logs: " + quoted(layout.stateDir().resolve("logs")),
                // A nearly full disk must not turn test indices read-only.
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "");
    }

    @Override
    public void prepare(boolean fresh) throws IOException {
        Path state = layout.stateDir();
        if (fresh) {
            Directories.deleteRecursively(state);
        }
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(state.resolve(dir));
        }
        if (!Files.exists(configDir().resolve("jvm.options"))) {
            copyTree(layout.home().resolve("config"), configDir());
        }
        Files.writeString(configDir().resolve("elasticsearch.yml"), elasticsearchYml());
        if (layout.runAs().isPresent()) {
            layout.runAs().get().own(state);
        }
    }

    @Override
    public LaunchSpec launchSpec() {
        List<String> command = List.of(layout.home().resolve("bin").resolve("elasticsearch").toString());
        Map<String, String> environment = new HashMap<>();
        environment.put("ES_JAVA_HOME", settings.jdk().home().toString());
        environment.put("ES_PATH_CONF", configDir().toString());
        environment.put("ES_TMPDIR", layout.stateDir().resolve("tmp").toString());
        // The server JVM gets ES_JAVA_OPTS, the launcher JVM CLI_JAVA_OPTS: both carry the owner marker.
        environment.put("ES_JAVA_OPTS", String.join(" ", settings.jvmOptions()));
        environment.put("CLI_JAVA_OPTS", settings.marker());
        if (layout.runAs().isPresent()) {
            environment.put("HOME", layout.stateDir().toString());
            environment.put("USER", layout.runAs().get().name());
            environment.put("LOGNAME", layout.runAs().get().name());
            command = layout.runAs().get().wrap(command);
        }
        // JAVA_HOME only earns a warning from bin/elasticsearch (it reads ES_JAVA_HOME); the others it refuses.
        Set<String> unset = Set.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "ES_HOME");
        return new LaunchSpec(command, environment, unset, layout.stateDir());
    }

    @Override
    public Optional<String> notReadyBecause() {
        String url = endpoint() + "/_cluster/health";
        try {
            HttpProbe.Answer answer = http.get(url);
            Matcher status = HEALTH_STATUS.matcher(answer.body());
            if (answer.status() == 200 && status.find()
                    && (status.group(1).equals("green") || status.group(1).equals("yellow"))) {
                return Optional.empty();
            }
            return Optional.of("GET " + url + " answered " + answer.status() + " " + abbreviate(answer.body()));
        } catch (IOException e) {
            return Optional.of("GET " + url + " failed: " + e);
        }
    }

    /** The server JVM the launcher started (its child carrying our marker), once it runs. */
    static Optional<ProcessHandle> serverJvm(ProcessHandle launcher, OwnedProcesses owned) {
        return launcher.descendants().filter(owned::isOurs).findFirst();
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            List<Path> all = new ArrayList<>(paths.toList());
            for (Path path : all) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
