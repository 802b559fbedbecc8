package io.newsflow.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.stack.Server;
import io.newsflow.stack.StackDistribution;
import io.newsflow.stack.containers.ContainerSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Testcontainers stack ({@code -Dnewsflow.stack=testcontainers}) and docker-compose.yml run the same servers:
 * same images and versions (the parent pom's), same ports, same settings.
 */
class ContainerStackAgreementTest {

    private static ComposeFile compose;
    private static StackDistribution versions;

    @BeforeAll
    static void read() throws Exception {
        compose = ComposeFile.read();
        versions = StackDistribution.fromBuild();
    }

    @Test
    void shouldTakeTheImageVersionsOfKafkaElasticsearchAndKibanaFromTheParentPom() throws Exception {
        assertThat(versions.kafkaVersion()).isEqualTo(ComposeFile.pomProperty("kafka.version"));
        assertThat(versions.elasticsearchVersion()).isEqualTo(ComposeFile.pomProperty("elasticsearch.version"));
        assertThat(compose.image("kafka")).isEqualTo("apache/kafka:" + ComposeFile.pomProperty("kafka.version"));
        assertThat(compose.image("elasticsearch")).isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:"
                + ComposeFile.pomProperty("elasticsearch.version"));
        assertThat(compose.image("kibana")).isEqualTo("docker.elastic.co/kibana/kibana:"
                + ComposeFile.pomProperty("elasticsearch.version"));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void shouldGiveEachServerTheContainerProvidersImagePortAndEnvironment(Server server) {
        ContainerSpec spec = ContainerSpec.of(server, versions);

        assertThat(compose.services()).containsKey(spec.service());
        assertThat(compose.image(spec.service())).isEqualTo(spec.image());
        assertThat(compose.ports(spec.service())).contains(spec.port() + ":" + spec.port());
        assertThat(compose.environment(spec.service())).containsAllEntriesOf(spec.environment());
    }

    @Test
    void shouldRunKibanaAtElasticsearchsVersionPointedAtTheElasticsearchService() {
        ContainerSpec kibana = ContainerSpec.kibana(versions);

        assertThat(compose.image(kibana.service())).isEqualTo(kibana.image());
        assertThat(compose.ports(kibana.service())).contains("5601:5601");
        assertThat(compose.environment(kibana.service())).containsAllEntriesOf(kibana.environment());
        assertThat(kibana.environment().get("ELASTICSEARCH_HOSTS"))
                .isEqualTo(ContainerSpec.of(Server.ELASTICSEARCH, versions).internalAddress());
    }

    @Test
    void shouldAdvertiseTheKafkaListenerThatTheRegistryAndServicesUse() {
        String internal = ContainerSpec.of(Server.KAFKA, versions).internalAddress();

        assertThat(internal).isEqualTo("kafka:" + ContainerSpec.KAFKA_INTERNAL_PORT);
        assertThat(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("//" + internal);
        assertThat(compose.environment("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
                .isEqualTo("PLAINTEXT://" + internal);
        assertThat(compose.healthcheck("kafka")).contains("--bootstrap-server " + internal);
    }
}
