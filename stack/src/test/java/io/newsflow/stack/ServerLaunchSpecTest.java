package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server configuration and command lines. */
class ServerLaunchSpecTest {

    private static final Jdk JDK = new Jdk(Path.of("/opt/jdk-25"), 25);
    private static final String MARKER = "-Dnewsflow.stack.run=/work/run";

    @TempDir
    Path dir;

    @Test
    void shouldLimitTheJitUnlessTheFullJitIsWanted() {
        ServerSettings quick = new ServerSettings(JDK, "1g", false, MARKER, dir, dir.resolve("log"));
        ServerSettings full = new ServerSettings(JDK, "1g", true, MARKER, dir, dir.resolve("log"));

        assertThat(quick.jvmOptions()).containsExactly("-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1", MARKER);
        assertThat(full.jvmOptions()).containsExactly("-Xms1g", "-Xmx1g", MARKER);
    }

    /** Kafka. */
    @Nested
    class KafkaTest {

        private KafkaServer kafka() {
            return new KafkaServer(new ServerSettings(JDK, "512m", false, MARKER, dir.resolve("kafka"), dir.resolve("kafka.log")),
                    Path.of("/dist/kafka-libs"), 19092, 19093);
        }

        @Test
        void shouldConfigureACombinedKraftNodeOnLoopbackWithReplicationFactorsOfOne() {
            String properties = kafka().serverProperties();

            assertThat(properties.lines()).contains(
                    "process.roles=broker,controller",
                    "controller.quorum.voters=1@127.0.0.1:19093",
                    "listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093",
                    "advertised.listeners=PLAINTEXT://127.0.0.1:19092",
                    "controller.listener.names=CONTROLLER",
                    "log.dirs=" + dir.resolve("kafka/data"),
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "group.initial.rebalance.delay.ms=0");
        }

        @Test
        void shouldRunTheBrokerFromItsOwnLibDirWithAFixedHeapAndTheOwnerMarker() {
            LaunchSpec spec = kafka().launchSpec();

            assertThat(spec.command())
                    .startsWith("/opt/jdk-25/bin/java", "-XX:+UseSerialGC", "-Xms512m", "-Xmx512m", "-XX:TieredStopAtLevel=1", MARKER)
                    .containsSequence("-cp", "/dist/kafka-libs/*", "kafka.Kafka", dir.resolve("kafka/server.properties").toString());
            assertThat(spec.workingDirectory()).isEqualTo(dir.resolve("kafka"));
            assertThat(kafka().endpoint()).isEqualTo("127.0.0.1:19092");
            assertThat(kafka().ports()).containsExactly(19092, 19093);
        }

        @Test
        void shouldFormatTheStorageWithTheGivenClusterId() {
            assertThat(kafka().formatSpec("abc").command()).contains(MARKER).containsSequence(
                    "kafka.tools.StorageTool", "format", "-t", "abc", "-c", dir.resolve("kafka/server.properties").toString());
        }
    }

    /** Schema Registry. */
    @Nested
    class RegistryTest {

        @Test
        void shouldRunApicurioOnLoopbackOnItsPortWithTheCcompatEndpoint() {
            RegistryServer registry = new RegistryServer(
                    new ServerSettings(JDK, "320m", false, MARKER, dir.resolve("registry"), dir.resolve("registry.log")),
                    Path.of("/dist/apicurio/runner.jar"), 18081, null, Optional.empty());

            assertThat(registry.launchSpec().command()).startsWith("/opt/jdk-25/bin/java", "-XX:+UseSerialGC", "-Xms320m")
                    .contains(MARKER, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=18081")
                    .endsWith("-jar", "/dist/apicurio/runner.jar")
                    .noneMatch(option -> option.startsWith("-Dapicurio.storage"));
            assertThat(registry.endpoint()).isEqualTo("http://127.0.0.1:18081/apis/ccompat/v7");
            assertThat(registry.persistent()).isFalse();
        }

        @Test
        void shouldKeepTheSchemasOnTheStacksBrokerWhenThereIsOne() {
            RegistryServer registry = new RegistryServer(
                    new ServerSettings(JDK, "320m", false, MARKER, dir.resolve("registry"), dir.resolve("registry.log")),
                    Path.of("/dist/apicurio/runner.jar"), 18081, null, Optional.of("127.0.0.1:19092"));

            assertThat(registry.launchSpec().command())
                    .contains("-Dapicurio.storage.kind=kafkasql", "-Dapicurio.kafkasql.bootstrap.servers=127.0.0.1:19092",
                            "-Dapicurio.kafkasql.topic=kafkasql-journal")
                    .endsWith("-jar", "/dist/apicurio/runner.jar");
            assertThat(registry.persistent()).isTrue();
        }
    }

    /** Elasticsearch. */
    @Nested
    class ElasticsearchTest {

        private ElasticsearchServer elasticsearch(Optional<UnprivilegedUser> runAs) throws IOException {
            Path home = Files.createDirectories(dir.resolve("es-home"));
            Files.createDirectories(home.resolve("config/jvm.options.d"));
            Files.writeString(home.resolve("config/jvm.options"), "-XX:+UseG1GC\n");
            Files.writeString(home.resolve("config/elasticsearch.yml"), "# default\n");
            ElasticsearchLayout layout = new ElasticsearchLayout(home, dir.resolve("state"), runAs);
            return new ElasticsearchServer(new ServerSettings(JDK, "512m", false, MARKER, dir.resolve("state"),
                    dir.resolve("es.log")), layout, 19200, 19300, null);
        }

        @Test
        void shouldConfigureASingleNodeWithoutSecurityOnLoopbackWithItsFoldersInTheRunDir() throws IOException {
            assertThat(elasticsearch(Optional.empty()).elasticsearchYml().lines()).contains(
                    "discovery.type: single-node",
                    "xpack.security.enabled: false",
                    "network.host: 127.0.0.1",
                    "http.port: 19200",
                    "transport.port: 19300",
                    "path.data: \"" + dir.resolve("state/data") + "\"",
                    "path.logs: \"" + dir.resolve("state/logs") + "\"");
        }

        @Test
        void shouldRunItsLauncherDirectlyAsANormalUserWithTheJdkHeapAndMarkerInItsEnvironment() throws IOException {
            LaunchSpec spec = elasticsearch(Optional.empty()).launchSpec();

            assertThat(spec.command()).containsExactly(dir.resolve("es-home/bin/elasticsearch").toString());
            assertThat(spec.environment())
                    .containsEntry("ES_JAVA_HOME", "/opt/jdk-25")
                    .containsEntry("ES_PATH_CONF", dir.resolve("state/config").toString())
                    .containsEntry("ES_TMPDIR", dir.resolve("state/tmp").toString())
                    .containsEntry("ES_JAVA_OPTS", "-Xms512m -Xmx512m -XX:TieredStopAtLevel=1 " + MARKER)
                    .containsEntry("CLI_JAVA_OPTS", MARKER)
                    .doesNotContainKey("HOME");
            assertThat(spec.unsetEnvironment()).contains("JAVA_HOME", "JAVA_TOOL_OPTIONS");
        }

        @Test
        void shouldRunItsLauncherAsTheUnprivilegedUserThroughSetprivWhenRunningAsRoot() throws IOException {
            LaunchSpec spec = elasticsearch(Optional.of(new UnprivilegedUser("newsflow-es"))).launchSpec();

            assertThat(spec.command()).endsWith("--reuid=newsflow-es", "--regid=newsflow-es", "--init-groups",
                    dir.resolve("es-home/bin/elasticsearch").toString());
            assertThat(Path.of(spec.command().getFirst()).getFileName()).hasToString("setpriv");
            assertThat(spec.environment())
                    .containsEntry("ES_JAVA_HOME", "/opt/jdk-25")
                    .containsEntry("ES_JAVA_OPTS", "-Xms512m -Xmx512m -XX:TieredStopAtLevel=1 " + MARKER)
                    .containsEntry("HOME", dir.resolve("state").toString())
                    .containsEntry("USER", "newsflow-es");
        }

        @Test
        void shouldGiveTheNodeItsOwnConfigFolderAndKeepDataOnARestart() throws IOException {
            ElasticsearchServer elasticsearch = elasticsearch(Optional.empty());
            elasticsearch.prepare(true);
            Files.writeString(dir.resolve("state/data/segment"), "indexed");

            elasticsearch.prepare(false);

            assertThat(dir.resolve("state/config/jvm.options")).hasContent("-XX:+UseG1GC");
            assertThat(dir.resolve("state/config/elasticsearch.yml")).content().contains("http.port: 19200");
            assertThat(dir.resolve("state/data/segment")).hasContent("indexed");
            assertThat(dir.resolve("state/tmp")).isDirectory();
            assertThat(dir.resolve("es-home/config/elasticsearch.yml")).hasContent("# default");

            elasticsearch.prepare(true);

            assertThat(dir.resolve("state/data/segment")).doesNotExist();
        }
    }
}
