package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDistributionTest {

    @TempDir
    Path dir;

    @Test
    void shouldPointAtTheFolderThisModulesBuildFilled() {
        StackDistribution built = StackDistribution.fromBuild();

        assertThat(built.directory()).endsWith(Path.of("stack", "target", "dist"));
        assertThat(built.kafkaLibs().resolve("kafka_2.13-" + built.kafkaVersion() + ".jar")).isRegularFile();
        assertThat(built.registryJar()).isRegularFile();
        assertThat(built.elasticsearchHome().resolve("bin/elasticsearch")).isExecutable();
    }

    @Test
    void shouldSayWhichArtifactIsMissingAndWhichBuildCommandBringsItBack() {
        StackDistribution empty = new StackDistribution(dir, "4.3.1", "3.0.9", "9.2.0");

        assertThatThrownBy(empty::kafkaLibs)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("the Kafka 4.3.1 broker jars not found")
                .hasMessageContaining(dir.resolve("kafka-libs/kafka_2.13-4.3.1.jar").toString())
                .hasMessageContaining("./mvnw -B -q -pl stack -am install -DskipTests");
        assertThatThrownBy(empty::registryJar).hasMessageContaining("Apicurio Registry 3.0.9 not found");
        assertThatThrownBy(empty::elasticsearchHome).hasMessageContaining("Elasticsearch 9.2.0 not found");
    }

    @Test
    void shouldAcceptAFolderThatHasEveryArtifact() throws Exception {
        Files.createDirectories(dir.resolve("kafka-libs"));
        Files.writeString(dir.resolve("kafka-libs/kafka_2.13-4.3.1.jar"), "");
        Files.createDirectories(dir.resolve("apicurio-registry-3.0.9"));
        Files.writeString(dir.resolve("apicurio-registry-3.0.9/apicurio-registry-app-3.0.9-runner.jar"), "");
        Files.createDirectories(dir.resolve("elasticsearch-9.2.0/bin"));
        Files.writeString(dir.resolve("elasticsearch-9.2.0/bin/elasticsearch"), "");
        StackDistribution complete = new StackDistribution(dir, "4.3.1", "3.0.9", "9.2.0");

        assertThat(complete.kafkaLibs()).isEqualTo(dir.resolve("kafka-libs"));
        assertThat(complete.elasticsearchHome()).isEqualTo(dir.resolve("elasticsearch-9.2.0"));
    }
}
