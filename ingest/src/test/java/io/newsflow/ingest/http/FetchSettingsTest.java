package io.newsflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.ConfigSource;
import io.newsflow.ingest.feed.FeedLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {

    @Test
    void shouldBindFetchSectionWithDefaultsAndEnvironmentOverrides() {
        ConfigSource source = ConfigSource.parse("""
                ingest:
                  fetch:
                    contactUrl: https://media.example.org/newsflow
                    idleTimeout: 5s
                    maxRedirects: 3
                    minDelayPerHost: 250ms
                  feedLimits:
                    maxItems: 200
                """, "newsflow.yml", Map.of("NEWSFLOW_INGEST_FETCH_MAX_CONNECTIONS_PER_HOST", "4"));
        FetchSettings settings = FetchSettings.from(source.root());
        assertThat(source.problems()).isEmpty();
        assertThat(settings.userAgent()).isEqualTo("newsflow/0.1.0 (+https://media.example.org/newsflow)");
        assertThat(settings.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.limits().maxRedirects()).isEqualTo(3);
        assertThat(settings.limits().totalTimeout()).isEqualTo(FetchLimits.DEFAULTS.totalTimeout());
        assertThat(settings.minDelayPerHost()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.maxConnectionsPerHost()).isEqualTo(4);
        assertThat(settings.allowFileScheme()).isFalse();
        assertThat(FeedLimits.from(source.root()).maxItems()).isEqualTo(200);
    }

    @Test
    void shouldReportEveryBadSettingWithItsLocation() {
        ConfigSource source = ConfigSource.parse("""
                ingest:
                  fetch:
                    contactUrl: mailto:ops@example.org
                    maxRedirects: 99
                    totalTimeout: 0s
                """, "newsflow.yml", Map.of());
        FetchSettings settings = FetchSettings.from(source.root());
        assertThat(source.problems()).hasSize(3);
        assertThat(source.problems().toString()).contains("contactUrl").contains("newsflow.yml:4")
                .contains("maxRedirects").contains("totalTimeout");
        assertThat(settings.contactUrl()).isEqualTo(URI.create("https://github.com/newsflow/newsflow"));
    }

    @Test
    void shouldRefuseAHeaderLimitAboveWhatTheHttpClientReads() {
        ConfigSource source = ConfigSource.parse("""
                ingest:
                  fetch:
                    maxHeaderBytes: 1048576
                """, "newsflow.yml", Map.of());
        FetchSettings.from(source.root());
        assertThat(source.problems()).singleElement().asString().contains("maxHeaderBytes").contains("262144");
    }
}
