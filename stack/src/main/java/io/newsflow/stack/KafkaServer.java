package io.newsflow.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in KRaft mode, broker and controller in one process, every replication factor and min ISR at 1.
 * Runs {@code kafka.Kafka} from the broker's own lib dir: its jars never share a classpath with ours.
 */
final class KafkaServer implements ManagedServer {

    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);

    private final ServerSettings settings;
    private final Path libs;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaProbe probe;

    KafkaServer(ServerSettings settings, Path libs, int brokerPort, int controllerPort) {
        this.settings = settings;
        this.libs = libs;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.probe = new KafkaProbe(endpoint());
    }

    @Override
    public Server server() {
        return Server.KAFKA;
    }

    @Override
    public List<Integer> ports() {
        return List.of(brokerPort, controllerPort);
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + brokerPort;
    }

    Path configFile() {
        return settings.directory().resolve("server.properties");
    }

    Path dataDir() {
        return settings.directory().resolve("data");
    }

    String serverProperties() {
        return String.join("\n",
                "# Written by the newsflow stack; rewritten at every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    @Override
    public void prepare(boolean fresh) throws IOException {
        if (fresh) {
            Directories.deleteRecursively(settings.directory());
        }
        Files.createDirectories(dataDir());
        Files.writeString(configFile(), serverProperties());
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            ServerProcess.run("Kafka storage format", formatSpec(Uuid.randomUuid().toString()), settings.logFile(),
                    FORMAT_TIMEOUT);
        }
    }

    /** {@code kafka-storage format}: KRaft needs a formatted log dir with a cluster id before the first start. */
    LaunchSpec formatSpec(String clusterId) {
        List<String> command = java(new ServerSettings(settings.jdk(), "256m", false, settings.marker(),
                settings.directory(), settings.logFile()));
        command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", configFile().toString()));
        return spec(command);
    }

    @Override
    public LaunchSpec launchSpec() {
        List<String> command = java(settings);
        command.addAll(List.of("kafka.Kafka", configFile().toString()));
        return spec(command);
    }

    private List<String> java(ServerSettings jvm) {
        List<String> command = new ArrayList<>(List.of(jvm.jdk().java().toString(), "-XX:+UseSerialGC"));
        command.addAll(jvm.jvmOptions());
        command.addAll(List.of(
                "-Djava.awt.headless=true",
                // The broker logs through slf4j-simple (see the pom): to stderr, which goes to the log file.
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.showThreadName=false",
                "-cp",
                libs.resolve("*").toString()));
        return command;
    }

    private LaunchSpec spec(List<String> command) {
        return new LaunchSpec(command, Map.of(), Set.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"),
                settings.directory());
    }

    @Override
    public Optional<String> notReadyBecause() {
        return probe.notReadyBecause();
    }
}
