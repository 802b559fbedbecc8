package io.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.sink.errors.ErrorAction;
import io.newsflow.sink.errors.ErrorRule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    private static ConfigSource parse(String yaml, Map<String, String> env) {
        return ConfigSource.parse(yaml, "newsflow.yml", env);
    }

    @Test
    void shouldUseTheDocumentedDefaultsWhenTheSinkSectionIsAbsent() {
        ConfigSource source = parse("kafka:\n  bootstrapServers: 127.0.0.1:9092\n", Map.of());

        SinkSettings settings = SinkSettings.from(source.root());

        assertThat(source.problems()).isEmpty();
        assertThat(settings).isEqualTo(SinkSettings.defaults());
        assertThat(settings.elasticsearch().urls()).containsExactly(URI.create("http://127.0.0.1:9200"));
        assertThat(settings.index().alias()).isEqualTo("articles");
        assertThat(settings.breaker()).isEqualTo(new SinkSettings.Breaker(10, Duration.ofSeconds(30)));
    }

    @Test
    void shouldReadEveryKeyOfSection() {
        ConfigSource source = parse("""
                sink:
                  groupId: sink-a
                  elasticsearch:
                    urls: [http://es1:9200, https://es2:9200]
                    apiKey: abc
                  index:
                    alias: news
                    template: news-template
                  bulk:
                    maxActions: 500
                    maxBytes: 2000000
                    flushInterval: 250ms
                    concurrentRequests: 4
                  maxInFlight: 800
                  commitInterval: 2s
                  retry:
                    backoffBase: 100ms
                    backoffMax: 10s
                  breaker:
                    threshold: 25
                    verdictTimeout: 1m
                  errorPolicy:
                    - error: illegal_argument_exception
                      action: fatal
                    - status: 429
                      action: dead-letter
                """, Map.of());

        SinkSettings settings = SinkSettings.from(source.root());

        assertThat(source.problems()).isEmpty();
        assertThat(settings.groupId()).isEqualTo("sink-a");
        assertThat(settings.elasticsearch().urls())
                .containsExactly(URI.create("http://es1:9200"), URI.create("https://es2:9200"));
        assertThat(settings.elasticsearch().apiKey()).contains("abc");
        assertThat(settings.elasticsearch().toString()).doesNotContain("abc");
        assertThat(settings.index()).isEqualTo(new SinkSettings.Index("news", "news-template"));
        assertThat(settings.bulk()).isEqualTo(new SinkSettings.Bulk(500, 2_000_000L, Duration.ofMillis(250), 4));
        assertThat(settings.maxInFlight()).isEqualTo(800);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retry())
                .isEqualTo(new SinkSettings.Retry(Duration.ofMillis(100), Duration.ofSeconds(10)));
        assertThat(settings.breaker()).isEqualTo(new SinkSettings.Breaker(25, Duration.ofMinutes(1)));
        assertThat(settings.errorPolicy()).containsExactly(
                ErrorRule.type("illegal_argument_exception", ErrorAction.FATAL),
                ErrorRule.status(429, ErrorAction.DEAD_LETTER));
    }

    @Test
    void shouldTakeOverridesFromEnvironment() {
        ConfigSource source = parse("sink:\n  maxInFlight: 100\n", Map.of(
                "NEWSFLOW_SINK_MAX_IN_FLIGHT", "200",
                "NEWSFLOW_SINK_BREAKER_THRESHOLD", "40",
                "NEWSFLOW_SINK_ELASTICSEARCH_URLS", "http://a:9200,http://b:9200",
                "NEWSFLOW_SINK_ELASTICSEARCH_USERNAME", "elastic",
                "NEWSFLOW_SINK_ELASTICSEARCH_PASSWORD", "secret"));

        SinkSettings settings = SinkSettings.from(source.root());

        assertThat(source.problems()).isEmpty();
        assertThat(settings.maxInFlight()).isEqualTo(200);
        assertThat(settings.breaker().threshold()).isEqualTo(40);
        assertThat(settings.elasticsearch().urls()).hasSize(2);
        assertThat(settings.elasticsearch().username()).contains("elastic");
        assertThat(settings.elasticsearch().toString()).doesNotContain("secret");
    }

    @Test
    void shouldReportEveryBadValueWithItsLineInsteadOfStoppingAtTheFirst() {
        ConfigSource source = parse("""
                sink:
                  elasticsearch:
                    urls: [not a url]
                    username: elastic
                  index:
                    alias: Articles
                  bulk:
                    maxActions: 0
                    flushInterval: soon
                  retry:
                    backoffBase: 5s
                    backoffMax: 1s
                  breaker:
                    threshold: 1
                    verdictTimeout: 0s
                  errorPolicy:
                    - error: x
                      status: 400
                      action: retry
                    - error: y
                      action: explode
                """, Map.of());

        SinkSettings.from(source.root());

        assertThat(source.problems()).extracting(Object::toString).anySatisfy(p -> assertThat(p)
                        .contains("sink.elasticsearch.urls").contains("not a url").contains("newsflow.yml:3"))
                .anySatisfy(p -> assertThat(p).contains("password").contains("go together"))
                .anySatisfy(p -> assertThat(p).contains("sink.index.alias").contains("Articles"))
                .anySatisfy(p -> assertThat(p).contains("sink.bulk.maxActions"))
                .anySatisfy(p -> assertThat(p).contains("sink.bulk.flushInterval"))
                .anySatisfy(p -> assertThat(p).contains("sink.retry.backoffMax"))
                .anySatisfy(p -> assertThat(p).contains("sink.breaker.threshold"))
                .anySatisfy(p -> assertThat(p).contains("sink.breaker.verdictTimeout"))
                .anySatisfy(p -> assertThat(p).contains("errorPolicy[0]").contains("exactly one of"))
                .anySatisfy(p -> assertThat(p).contains("errorPolicy[1]").contains("explode"));
    }

    @Test
    void shouldLeaveCredentialsOutOfSettingsText() {
        SinkSettings.Elasticsearch es = new SinkSettings.Elasticsearch(List.of(URI.create("http://x:9200")),
                java.util.Optional.of("u"), java.util.Optional.of("pw-123"), java.util.Optional.empty());
        assertThat(es.toString()).doesNotContain("pw-123").contains("***");
    }
}
