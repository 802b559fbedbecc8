package io.newsflow.stack.containers;

import io.newsflow.stack.Server;
import io.newsflow.stack.StackDistribution;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.StackException;
import io.newsflow.stack.StackProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The stack as containers (Testcontainers), with the images and settings of {@code docker-compose.yml}
 * ({@link ContainerSpec}): for a developer machine with a Docker engine, selected by
 * {@code -Dnewsflow.stack=testcontainers}. Loaded by name only then; Testcontainers is not on the normal classpath.
 */
public final class TestcontainersStack implements StackProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersStack.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final StackDistribution versions = StackDistribution.fromBuild();
    private final Network network = Network.newNetwork();
    private final Map<Server, GenericContainer<?>> running = new EnumMap<>(Server.class);
    private final Map<Server, String> endpoints = new EnumMap<>(Server.class);

    public TestcontainersStack() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new StackException("-Dnewsflow.stack=testcontainers, but no Docker engine is reachable"
                    + " (Testcontainers found none); run without it to use the local process stack");
        }
    }

    @Override
    public synchronized StackEndpoints start(Set<Server> servers) {
        Set<Server> needed = EnumSet.copyOf(servers);
        if (needed.contains(Server.REGISTRY)) {
            needed.add(Server.KAFKA); // the registry keeps its schemas in Kafka
        }
        for (Server server : needed) { // enum order: Kafka first
            if (!running.containsKey(server)) {
                GenericContainer<?> container = container(server).withNetwork(network)
                        .withStartupTimeout(START_TIMEOUT);
                LOG.info("Starting {} as a container ({})", server.displayName(), container.getDockerImageName());
                container.start();
                running.put(server, container);
                endpoints.put(server, endpoint(server, container));
            }
        }
        return new StackEndpoints(endpoints);
    }

    private GenericContainer<?> container(Server server) {
        ContainerSpec spec = ContainerSpec.of(server, versions);
        DockerImageName image = DockerImageName.parse(spec.image());
        GenericContainer<?> container = server == Server.KAFKA
                ? new KafkaContainer(image).withListener(spec.internalAddress().replace("http://", ""))
                : new GenericContainer<>(image).withExposedPorts(spec.port());
        container.withNetworkAliases(spec.service()).withEnv(spec.environment());
        return switch (server) {
            case KAFKA -> container;
            case REGISTRY -> container.waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
            case ELASTICSEARCH -> container.waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow")
                    .forStatusCode(200));
        };
    }

    private String endpoint(Server server, GenericContainer<?> container) {
        return switch (server) {
            case KAFKA -> ((KafkaContainer) container).getBootstrapServers();
            // Confluent's registry serves the API at its root (Apicurio's compatible API is under /apis/ccompat/v7).
            case REGISTRY, ELASTICSEARCH -> "http://" + container.getHost() + ":"
                    + container.getMappedPort(ContainerSpec.of(server, versions).port());
        };
    }

    @Override
    public synchronized void close() {
        List<Server> order = new ArrayList<>(running.keySet());
        for (int i = order.size() - 1; i >= 0; i--) {
            running.get(order.get(i)).stop();
        }
        running.clear();
        endpoints.clear();
        network.close();
    }
}
