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
 * Apicurio Registry, its Confluent-compatible API under {@code /apis/ccompat/v7}. With a broker to use it keeps its
 * schemas on Kafka ({@code kafkasql} storage: every change is a record on the {@value #JOURNAL_TOPIC} topic, which a
 * starting registry reads back into its in-memory database), so a restart of the registry finds every schema id
 * again, as Confluent's registry does with {@code _schemas}. Without one (a stack of the registry alone) it keeps
 * them in memory and a restart starts empty.
 */
final class RegistryServer implements ManagedServer {

    static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    static final String JOURNAL_TOPIC = "kafkasql-journal";
    static final String SNAPSHOTS_TOPIC = "kafkasql-snapshots";

    private final ServerSettings settings;
    private final Path runnerJar;
    private final int port;
    private final HttpProbe http;
    private final Optional<String> kafkaBootstrapServers;

    /**
     * @param kafkaBootstrapServers the broker that keeps the schemas, or empty for in-memory storage
     */
    RegistryServer(ServerSettings settings, Path runnerJar, int port, HttpProbe http,
            Optional<String> kafkaBootstrapServers) {
        this.settings = settings;
        this.runnerJar = runnerJar;
        this.port = port;
        this.http = http;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /** Whether the schemas outlive a restart of the registry (they are kept on Kafka). */
    boolean persistent() {
        return kafkaBootstrapServers.isPresent();
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
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        kafkaBootstrapServers.ifPresent(kafka -> command.addAll(List.of(
                "-Dapicurio.storage.kind=kafkasql",
                "-Dapicurio.kafkasql.bootstrap.servers=" + kafka,
                "-Dapicurio.kafkasql.topic=" + JOURNAL_TOPIC,
                "-Dapicurio.kafkasql.snapshots.topic=" + SNAPSHOTS_TOPIC)));
        command.addAll(List.of("-jar", runnerJar.toString()));
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
