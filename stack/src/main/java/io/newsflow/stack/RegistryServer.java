package io.newsflow.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Apicurio Registry with in-memory storage, its Confluent-compatible API under {@code /apis/ccompat/v7}. Its data
 * lives in memory only: a restart starts empty.
 */
final class RegistryServer implements ManagedServer {

    static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final ServerSettings settings;
    private final Path runnerJar;
    private final int port;
    private final HttpProbe http;

    RegistryServer(ServerSettings settings, Path runnerJar, int port, HttpProbe http) {
        this.settings = settings;
        this.runnerJar = runnerJar;
        this.port = port;
        this.http = http;
    }

    @Override
    public Server server() {
        return Server.REGISTRY;
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    @Override
    public void prepare(boolean fresh) throws IOException {
        if (fresh) {
            Directories.deleteRecursively(settings.directory());
        }
        Files.createDirectories(settings.directory());
    }

    @Override
    public LaunchSpec launchSpec() {
        List<String> command = new ArrayList<>(List.of(settings.jdk().java().toString(), "-XX:+UseSerialGC"));
        command.addAll(settings.jvmOptions());
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-jar",
                runnerJar.toString()));
        return new LaunchSpec(command, Map.of(), Set.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"),
                settings.directory());
    }

    @Override
    public Optional<String> notReadyBecause() {
        String url = endpoint() + "/subjects";
        try {
            HttpProbe.Answer answer = http.get(url);
            return answer.status() == 200 ? Optional.empty()
                    : Optional.of("GET " + url + " answered " + answer.status());
        } catch (IOException e) {
            return Optional.of("GET " + url + " failed: " + e);
        }
    }
}
