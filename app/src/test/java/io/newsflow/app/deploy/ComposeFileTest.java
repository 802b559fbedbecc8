package io.newsflow.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.app.Newsflow;
import io.newsflow.app.SettingsProbe;
import io.newsflow.common.config.EnvironmentVariables;
import io.newsflow.schemas.Topics;
import io.newsflow.stack.Server;
import io.newsflow.stack.StackDistribution;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.containers.ContainerSpec;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No Docker engine runs here, so this holds docker-compose.yml to the code: every NEWSFLOW_* variable it sets is a
 * setting the services read, its settings are valid, and topics, ports and addresses agree with the config reference
 * and with the servers compose runs.
 */
class ComposeFileTest {

    private static final List<String> NEWSFLOW_SERVICES = List.of("init", "ingest", "enrich", "sink");
    private static ComposeFile compose;

    @BeforeAll
    static void read() throws Exception {
        compose = ComposeFile.read();
    }

    @Test
    void shouldSetOnlyNewsflowVariablesTheSettingsBindersRead() {
        Set<String> read = SettingsProbe.variablesRead();

        assertThat(read).contains("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "NEWSFLOW_SINK_ELASTICSEARCH_URLS",
                "NEWSFLOW_INGEST_FEEDS_DIR", "NEWSFLOW_ENRICH_STATE_DIR", "NEWSFLOW_OPS_SINK_PORT");
        for (String service : NEWSFLOW_SERVICES) {
            assertThat(compose.environment(service).keySet())
                    .filteredOn(name -> name.startsWith(EnvironmentVariables.PREFIX))
                    .as("NEWSFLOW_* variables of compose service %s", service)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(read).as("variables the services read").contains(name));
        }
    }

    @Test
    void shouldPrintOnlyVariablesTheServicesReadFromStackUp() {
        StackEndpoints endpoints = new StackEndpoints(Map.of(Server.KAFKA, "127.0.0.1:1", Server.REGISTRY, "http://r",
                Server.ELASTICSEARCH, "http://e"));

        assertThat(SettingsProbe.variablesRead()).containsAll(endpoints.environment().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "ingest", "enrich", "sink"})
    void shouldGiveEachServiceAnEnvironmentThatBindsWithoutProblems(String service) {
        SettingsProbe.Bound bound = SettingsProbe.bind(compose.environment(service));

        assertThat(bound.problems()).as("problems of %s's environment", service).isEmpty();
        assertThat(bound.topics()).isEqualTo(Topics.defaults());
        assertThat(bound.ledgerTopic()).isEqualTo("newsflow.ingest.published");
    }

    @Test
    void shouldPointEveryServiceAtTheKafkaRegistryAndElasticsearchContainers() {
        StackDistribution versions = StackDistribution.fromBuild();
        for (String service : NEWSFLOW_SERVICES) {
            SettingsProbe.Bound bound = SettingsProbe.bind(compose.environment(service));
            assertThat(bound.kafka()).isEqualTo(ContainerSpec.of(Server.KAFKA, versions).internalAddress());
            assertThat(bound.registry()).isEqualTo(ContainerSpec.of(Server.REGISTRY, versions).internalAddress());
        }
        assertThat(SettingsProbe.bind(compose.environment("sink")).elasticsearch())
                .containsExactly(ContainerSpec.of(Server.ELASTICSEARCH, versions).internalAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "enrich", "sink"})
    void shouldBindEachServicesHealthEndpointOnEveryInterfaceAndCheckIt(String service) {
        SettingsProbe.Bound bound = SettingsProbe.bind(compose.environment(service));
        int reference = SettingsProbe.bind(Map.of()).opsPorts().get(service);
        int port = bound.opsPorts().get(service);

        assertThat(bound.opsHost()).isEqualTo("0.0.0.0");
        assertThat(port).isEqualTo(reference);
        assertThat(compose.ports(service)).containsExactly(port + ":" + port);
        assertThat(compose.healthcheck(service)).contains("http://localhost:" + port + "/health");
    }

    @Test
    void shouldRunEveryServiceAndTheInitFromOneImageBuiltOfEveryModule() throws Exception {
        var subcommands = Newsflow.commandLine().getSubcommands();
        for (String service : List.of("ingest", "enrich", "sink")) {
            assertThat(compose.service(service).get("command")).isEqualTo(List.of(service));
            assertThat(subcommands).containsKey(service);
        }
        for (String service : NEWSFLOW_SERVICES) {
            assertThat(compose.image(service)).isEqualTo(compose.image("init"));
            assertThat(ComposeFile.map(compose.service(service).get("build")).get("context")).isEqualTo(".");
        }
        String dockerfile = Files.readString(ComposeFile.REPO.resolve("Dockerfile"));
        // The build stage needs every module of the parent pom, and kibana/, which the sink ships on its classpath.
        List<String> copied = new java.util.ArrayList<>(ComposeFile.pomModules());
        copied.add("kibana");
        assertThat(copied).allSatisfy(dir -> assertThat(dockerfile).contains("\nCOPY " + dir + " " + dir + "\n"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:21-jdk AS build").contains("FROM eclipse-temurin:21-jre")
                .contains("./mvnw").contains("io.newsflow.app.Newsflow");
        String init = String.valueOf(compose.service("init").get("command"));
        assertThat(init).contains("newsflow topics create").contains("newsflow kibana import --url "
                + ContainerSpec.kibana(StackDistribution.fromBuild()).internalAddress());
        assertThat(subcommands).containsKeys("topics", "kibana");
    }

    @Test
    void shouldStartServicesOnlyAfterInitAndTheirServersAreHealthy() {
        for (String service : List.of("ingest", "enrich", "sink")) {
            Map<String, Object> dependsOn = compose.dependsOn(service);
            assertThat(ComposeFile.map(dependsOn.get("init")).get("condition"))
                    .isEqualTo("service_completed_successfully");
            assertThat(ComposeFile.map(dependsOn.get("schema-registry")).get("condition")).isEqualTo("service_healthy");
        }
        assertThat(ComposeFile.map(compose.dependsOn("sink").get("elasticsearch")).get("condition"))
                .isEqualTo("service_healthy");
        for (String service : compose.services().keySet()) {
            if (!service.equals("init")) {
                assertThat(compose.healthcheck(service)).as("healthcheck of %s", service).isNotBlank()
                        .isNotEqualTo("null");
            }
        }
    }

    @Test
    void shouldMountTheDropFolderWhereIngestReadsItAndEnrichsStateDir() {
        String feedsDir = compose.environment("ingest").get("NEWSFLOW_INGEST_FEEDS_DIR");
        String stateDir = compose.environment("enrich").get("NEWSFLOW_ENRICH_STATE_DIR");

        assertThat(String.valueOf(compose.service("ingest").get("volumes"))).contains("./config/feeds.d:" + feedsDir);
        assertThat(String.valueOf(compose.service("enrich").get("volumes"))).contains(":" + stateDir);
    }

    @Test
    void shouldKeepTheRegistrysSchemasOnTheBrokersVolume() {
        Map<String, String> registry = compose.environment("schema-registry");

        assertThat(registry.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
                .isEqualTo("PLAINTEXT://" + ContainerSpec.of(Server.KAFKA, StackDistribution.fromBuild())
                        .internalAddress());
        assertThat(registry.get("SCHEMA_REGISTRY_KAFKASTORE_TOPIC")).isEqualTo("_schemas");
        assertThat(String.valueOf(compose.service("kafka").get("volumes")))
                .contains(":" + compose.environment("kafka").get("KAFKA_LOG_DIRS"));
    }
}
