package io.newsflow.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigProblem;
import io.newsflow.common.config.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
    private static final Path BASE = Path.of("/etc/newsflow");

    private static IngestSettings bind(String yaml, Map<String, String> env, List<ConfigProblem> problems) {
        ConfigSource source = ConfigSource.parse(yaml, "newsflow.yml", env);
        IngestSettings settings = IngestSettings.from(source.root(), BASE);
        problems.addAll(source.problems());
        return settings;
    }

    @Test
    void shouldUseDocumentedDefaultsWhenTheSectionIsAbsent() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        IngestSettings settings = bind("kafka: {}\n", Map.of(), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.feeds()).isEmpty();
        assertThat(settings.defaultPollInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.jitter()).isEqualTo(0.1);
        assertThat(settings.ledgerTopic()).isEqualTo("newsflow.ingest.published");
        assertThat(settings.ledgerRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.feedsDir()).isNull();
        assertThat(settings.fetch()).isEqualTo(io.newsflow.ingest.http.FetchSettings.DEFAULTS);
        assertThat(settings.feedLimits()).isEqualTo(io.newsflow.ingest.feed.FeedLimits.DEFAULTS);
    }

    @Test
    void shouldBindFeedsWithEveryPerFeedSetting() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        IngestSettings settings = bind("""
                ingest:
                  feedsDir: feeds.d
                  opml: [subscriptions.opml]
                  fetch:
                    maxBodyBytes: 2097152
                  feeds:
                    - https://example.org/rss
                    - url: https://example.com/atom.xml
                      name: Example
                      pollInterval: 10m
                      language: EN
                      tags: [world, politics]
                      userAgent: special/1.0
                      allowPrivateAddress: true
                """, Map.of(), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.feeds()).containsExactly(
                new FeedSpec("https://example.org/rss", null, null, null, List.of(), null, false, "newsflow.yml:7"),
                new FeedSpec("https://example.com/atom.xml", "Example", Duration.ofMinutes(10), "en",
                        List.of("world", "politics"), "special/1.0", true, "newsflow.yml:8"));
        assertThat(settings.feedsDir()).isEqualTo(Path.of("/etc/newsflow/feeds.d"));
        assertThat(settings.opmlFiles()).containsExactly(Path.of("/etc/newsflow/subscriptions.opml"));
        assertThat(settings.fetch().limits().maxBodyBytes()).isEqualTo(2L << 20);
    }

    @Test
    void shouldReportEveryBadFeedWithItsLineAndKeepTheGoodOnes() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        IngestSettings settings = bind("""
                ingest:
                  feeds:
                    - ftp://example.org/rss
                    - url: https://ok.example/feed
                    - name: no url here
                    - url: https://example.net/feed
                      pollInterval: soon
                      language: english
                    - not a url
                """, Map.of(), problems);

        assertThat(settings.feeds()).extracting(FeedSpec::url)
                .containsExactly("https://ok.example/feed", "https://example.net/feed");
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "newsflow.yml:3: ingest.feeds[0]: 'ftp://example.org/rss': only http and https feeds are supported, not ftp",
                "newsflow.yml:5: ingest.feeds[2].url: is required",
                "newsflow.yml:7: ingest.feeds[3].pollInterval: 'soon' is not a duration; write it like 250ms, 30s, 5m, 2h or 1d",
                "newsflow.yml:8: ingest.feeds[3].language: 'english' is not a two-letter ISO 639-1 code (en, fr, id)",
                "newsflow.yml:9: ingest.feeds[4]: 'not a url' is not a URL (Illegal character in path)");
    }

    @Test
    void shouldTakeServiceSettingsFromTheEnvironment() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        IngestSettings settings = bind("ingest:\n  defaultPollInterval: 15m\n", Map.of(
                "NEWSFLOW_INGEST_DEFAULT_POLL_INTERVAL", "2m",
                "NEWSFLOW_INGEST_FETCH_CONTACT_URL", "https://ops.example.org/crawler",
                "NEWSFLOW_INGEST_FEEDS_DIR", "/srv/feeds.d"), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.defaultPollInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.fetch().contactUrl()).hasToString("https://ops.example.org/crawler");
        assertThat(settings.feedsDir()).isEqualTo(Path.of("/srv/feeds.d"));
    }

    @Test
    void shouldRefuseFileUrlsUnlessEnabled() {
        List<ConfigProblem> refused = new java.util.ArrayList<>();
        bind("ingest:\n  feeds: [\"file:///tmp/feed.xml\"]\n", Map.of(), refused);
        List<ConfigProblem> allowed = new java.util.ArrayList<>();
        IngestSettings settings = bind("ingest:\n  fetch:\n    allowFileScheme: true\n  feeds: [\"file:///tmp/feed.xml\"]\n",
                Map.of(), allowed);

        assertThat(refused).singleElement().asString().contains("allowFileScheme");
        assertThat(allowed).isEmpty();
        assertThat(settings.feeds()).extracting(FeedSpec::url).containsExactly("file:///tmp/feed.xml");
    }

    @Test
    void shouldReportBadServiceSettings() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        bind("""
                ingest:
                  jitter: 2
                  ledgerTopic: "bad topic"
                  reload:
                    rescan: 1ms
                """, Map.of(), problems);

        assertThat(problems).extracting(ConfigProblem::setting).containsExactly(
                "ingest.jitter", "ingest.reload.rescan", "ingest.ledgerTopic");
    }

    @Test
    void shouldDeriveTheTransactionalIdFromTheLedgerTopicAndTheInstanceName() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        IngestSettings settings = bind("""
                ingest:
                  ledgerTopic: prod.ingest.published
                  instanceName: ingest-1
                """, Map.of(), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.publish().transactionalId()).isEqualTo("prod.ingest.published.ingest-1");
        assertThat(settings.publish().commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.publish().maxPerTransaction()).isEqualTo(500);
        assertThat(settings.publish().maxRetryBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bind("kafka: {}\n", Map.of(), problems).publish().transactionalId())
                .as("by default the host's name").startsWith(IngestSettings.DEFAULT_LEDGER_TOPIC + ".")
                .isNotEqualTo(IngestSettings.DEFAULT_LEDGER_TOPIC + ".");
    }

    @Test
    void shouldTakeThePublishSettingsFromTheEnvironment() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        IngestSettings settings = bind("kafka: {}\n", Map.of("NEWSFLOW_INGEST_INSTANCE_NAME", "pod-7",
                "NEWSFLOW_INGEST_PUBLISH_COMMIT_INTERVAL", "250ms",
                "NEWSFLOW_INGEST_PUBLISH_TRANSACTIONAL_ID", "ingest-blue"), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.publish().instanceName()).isEqualTo("pod-7");
        assertThat(settings.publish().transactionalId()).isEqualTo("ingest-blue");
        assertThat(settings.publish().commitInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldReportBadPublishSettings() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        bind("""
                ingest:
                  instanceName: "two words"
                  publish:
                    commitInterval: 5m
                    maxPerTransaction: 0
                    maxRetryBackoff: 1ms
                """, Map.of(), problems);

        assertThat(problems).extracting(ConfigProblem::setting).containsExactly("ingest.instanceName",
                "ingest.publish.commitInterval", "ingest.publish.maxRetryBackoff", "ingest.publish.maxPerTransaction");
    }

    @Test
    void shouldBindTheLedgerRetentionAndRefuseOneShorterThanASecond() {
        List<ConfigProblem> kept = new java.util.ArrayList<>();
        assertThat(bind("ingest:\n  ledgerRetention: 7d\n", Map.of(), kept).ledgerRetention())
                .isEqualTo(Duration.ofDays(7));
        assertThat(kept).isEmpty();

        List<ConfigProblem> problems = new java.util.ArrayList<>();
        bind("ingest:\n  ledgerRetention: 0s\n", Map.of(), problems);
        assertThat(problems).extracting(ConfigProblem::setting).containsExactly("ingest.ledgerRetention");
        assertThat(problems.getFirst().message()).contains("too short");
    }
}
