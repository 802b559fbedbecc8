package io.newsflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.newsflow.common.yaml.YamlBinding.Located;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

    private static ConfigSource yaml(String text, Map<String, String> env) {
        return ConfigSource.parse(text, "newsflow.yml", env);
    }

    @Test
    void shouldTakeAValueFromTheEnvironmentBeforeTheFile() {
        ConfigSource source = yaml("""
                kafka:
                  bootstrapServers: file:9092
                registry:
                  url: http://registry:8081
                """, Map.of("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "env:9092"));

        assertThat(KafkaSettings.from(source.root()).bootstrapServers()).isEqualTo("env:9092");
        assertThat(RegistrySettings.from(source.root()).url()).isEqualTo("http://registry:8081");
        assertThat(TopicSettings.from(source.root()).clean().name()).isEqualTo("articles.clean");
        assertThat(source.root().section("kafka").location("bootstrapServers"))
                .isEqualTo("env NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(source.root().section("registry").location("url")).isEqualTo("newsflow.yml:4");
        assertThat(source.problems()).isEmpty();
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        ConfigSource source = yaml("""
                kafka:
                  bootstrapServers: not a host list
                registry:
                  url: ftp://registry
                  timeout: soon
                topics:
                  clean: "bad topic!"
                """, Map.of());

        KafkaSettings.from(source.root());
        RegistrySettings.from(source.root());
        TopicSettings.from(source.root());

        assertThat(source.problems()).extracting(ConfigProblem::toString).containsExactly(
                "newsflow.yml:2: kafka.bootstrapServers: 'not a host list' is not a list of host:port",
                "newsflow.yml:4: registry.url: 'ftp://registry' is not an http(s) URL or mock://<scope>",
                "newsflow.yml:5: registry.timeout: 'soon' is not a duration; write it like 250ms, 30s, 5m, 2h or 1d",
                "newsflow.yml:7: topics.clean: 'bad topic!' is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
        assertThatThrownBy(source::throwIfInvalid)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("4 configuration problems:")
                .hasMessageContaining("newsflow.yml:7: topics.clean");
    }

    @Test
    void shouldNameTheLineOfAYamlSyntaxErrorAndGoOnWithDefaults() {
        ConfigSource source = yaml("kafka:\n  bootstrapServers: [a\n", Map.of());

        assertThat(KafkaSettings.from(source.root()).bootstrapServers())
                .isEqualTo(KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS);
        assertThat(source.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location()).startsWith("newsflow.yml:");
            assertThat(problem.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void shouldReportUnknownKeysAfterBindingWithASuggestion() {
        ConfigSource source = yaml("""
                kafka:
                  bootstrapServer: localhost:9092
                  properties:
                    security.protocol: SSL
                colour: blue
                """, Map.of());

        KafkaSettings.from(source.root());
        source.reportUnknownKeys();

        assertThat(source.problems()).extracting(ConfigProblem::toString).containsExactly(
                "newsflow.yml:2: kafka.bootstrapServer: unknown setting; did you mean 'bootstrapServers'?",
                "newsflow.yml:5: colour: unknown setting");
    }

    @Test
    void shouldKnowAFileKeyTheEnvironmentOverrides() {
        ConfigSource source = yaml("kafka:\n  bootstrapServers: file:9092\n",
                Map.of("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "env:9092"));

        KafkaSettings.from(source.root());
        source.reportUnknownKeys();

        assertThat(source.problems()).isEmpty();
    }

    @Test
    void shouldReportAKeySetTwiceInOneSection() {
        ConfigSource source = yaml("kafka:\n  bootstrapServers: a:1\n  bootstrapServers: b:2\n", Map.of());

        assertThat(source.problems()).extracting(ConfigProblem::toString)
                .containsExactly("newsflow.yml:3: kafka.bootstrapServers: set twice in the same section");
    }

    @Test
    void shouldReadTypedValuesAndReportTheOnesOutOfRangeOrMalformed() {
        ConfigSource source = yaml("""
                s:
                  every: 250ms
                  iso: PT2M
                  count: 70000
                  flag: yes
                  mode: at-least-once
                  hosts: [a, b]
                  props: {linger.ms: "5"}
                """, Map.of("NEWSFLOW_S_LIST", "x, y,,z", "NEWSFLOW_S_PROPS", "acks=all;bad"));
        ConfigNode s = source.root().section("s");

        assertThat(s.duration("every", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(s.duration("iso", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.integer("count", 1, 0, 65535)).isEqualTo(1);
        assertThat(s.bool("flag", false)).isFalse();
        assertThat(s.enumValue("mode", Mode.class, Mode.EXACTLY_ONCE)).isEqualTo(Mode.AT_LEAST_ONCE);
        assertThat(s.strings("hosts", List.of())).containsExactly("a", "b");
        assertThat(s.strings("list", List.of())).containsExactly("x", "y", "z");
        assertThat(s.map("props")).containsEntry("linger.ms", "5").containsEntry("acks", "all");
        assertThat(source.problems()).extracting(ConfigProblem::toString).containsExactly(
                "newsflow.yml:4: s.count: 70000 is out of range; allowed 0 to 65535",
                "newsflow.yml:5: s.flag: 'yes' is not true or false",
                "env NEWSFLOW_S_PROPS: s.props: 'bad' is not key=value");
    }

    /** A list entry as a test binds it: a bare value or a section. */
    static final class Entry {
        final String name;
        final String bare;

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Entry(@JsonProperty("url") String url, @JsonProperty("name") String name) {
            this.name = name;
            this.bare = null;
        }

        private Entry(String bare) {
            this.name = null;
            this.bare = bare;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Entry bare(String value) {
            return new Entry(value);
        }
    }

    @Test
    void shouldReadListEntriesAsSectionsOrBareValues() {
        ConfigSource source = yaml("""
                ingest:
                  feeds:
                    - https://a.example/feed
                    - url: https://b.example/rss
                      name: B
                      nam: typo
                """, Map.of());
        ConfigNode ingest = source.root().section("ingest");

        List<Located<Entry>> feeds = new ArrayList<>();
        ingest.<Entry>bindList("feeds", new TypeReference<>() {}, entry -> {
            feeds.add(entry);
            if (entry.value().bare == null) {
                ingest.problemAt(entry, "missing", "is required");
            }
        });
        source.reportUnknownKeys();

        assertThat(feeds).hasSize(2);
        assertThat(feeds.get(0).value().bare).isEqualTo("https://a.example/feed");
        assertThat(feeds.get(1).value().name).isEqualTo("B");
        assertThat(feeds.get(1).path()).isEqualTo("ingest.feeds[1]");
        assertThat(ingest.locationOf(feeds.get(1))).isEqualTo("newsflow.yml:4");
        assertThat(source.problems()).extracting(ConfigProblem::toString).containsExactly(
                "newsflow.yml:4: ingest.feeds[1].missing: is required",
                "newsflow.yml:6: ingest.feeds[1].nam: unknown setting; did you mean 'name'?");
    }

    @Test
    void shouldReportAMissingFileNamingItsPath(@TempDir Path dir) throws Exception {
        ConfigSource missing = ConfigSource.load(dir.resolve("nope.yml"), Map.of());
        assertThat(missing.problems()).singleElement()
                .satisfies(p -> assertThat(p.location()).endsWith("nope.yml"));

        Path file = Files.writeString(dir.resolve("newsflow.yml"), "kafka:\n  bootstrapServers: k:1\n");
        ConfigSource loaded = ConfigSource.load(file, Map.of());
        assertThat(KafkaSettings.from(loaded.root()).bootstrapServers()).isEqualTo("k:1");

        ConfigSource envOnly = ConfigSource.environmentOnly(Map.of("NEWSFLOW_TOPICS_RAW", "raw.v2"));
        assertThat(TopicSettings.from(envOnly.root()).raw().name()).isEqualTo("raw.v2");
        assertThat(envOnly.consultedVariables()).contains("NEWSFLOW_TOPICS_RAW", "NEWSFLOW_TOPICS_CLEAN");
    }

    @Test
    void shouldMapACamelCasePathToAnUpperSnakeEnvironmentVariable() {
        assertThat(EnvironmentVariables.nameOf(List.of("kafka", "bootstrapServers")))
                .isEqualTo("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(EnvironmentVariables.nameOf(List.of("sink", "elasticsearch", "url")))
                .isEqualTo("NEWSFLOW_SINK_ELASTICSEARCH_URL");
        assertThat(EnvironmentVariables.nameOf(List.of("ops", "ingestPort"))).isEqualTo("NEWSFLOW_OPS_INGEST_PORT");
    }

    enum Mode {
        EXACTLY_ONCE,
        AT_LEAST_ONCE
    }
}
