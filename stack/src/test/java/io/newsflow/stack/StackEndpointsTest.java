package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEndpointsTest {

    private static final StackEndpoints ALL = new StackEndpoints(Map.of(
            Server.KAFKA, "127.0.0.1:1111",
            Server.REGISTRY, "http://127.0.0.1:2222/apis/ccompat/v7",
            Server.ELASTICSEARCH, "http://127.0.0.1:3333"));

    @TempDir
    Path dir;

    @Test
    void shouldSurviveARoundTripThroughAnEndpointsFile() {
        Path file = dir.resolve("endpoints.properties");

        ALL.writeTo(file);

        assertThat(StackEndpoints.readFrom(file)).isEqualTo(ALL);
        assertThat(StackEndpoints.readFrom(file).registryUrl()).isEqualTo("http://127.0.0.1:2222/apis/ccompat/v7");
    }

    @Test
    void shouldNameTheEnvironmentVariablesThatOverrideTheServicesSettings() {
        assertThat(ALL.environment()).containsExactly(
                Map.entry("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1111"),
                Map.entry("NEWSFLOW_REGISTRY_URL", "http://127.0.0.1:2222/apis/ccompat/v7"),
                Map.entry("NEWSFLOW_SINK_ELASTICSEARCH_URLS", "http://127.0.0.1:3333"));
    }

    @Test
    void shouldSayWhichServerIsMissingWhenAskedForOneItDoesNotHave() {
        StackEndpoints kafkaOnly = new StackEndpoints(Map.of(Server.KAFKA, "127.0.0.1:1111"));

        assertThat(kafkaOnly.has(Server.ELASTICSEARCH)).isFalse();
        assertThatThrownBy(kafkaOnly::elasticsearchUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Elasticsearch is not part of this stack");
    }

    @Test
    void shouldRejectAnEndpointsFileThatNamesAnUnknownServerOrIsMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "kafka=127.0.0.1:1\nzookeeper=127.0.0.1:2\n");

        assertThatThrownBy(() -> StackEndpoints.readFrom(file))
                .isInstanceOf(StackException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown server 'zookeeper'");
        assertThatThrownBy(() -> StackEndpoints.readFrom(dir.resolve("missing.properties")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("missing.properties");
    }
}
