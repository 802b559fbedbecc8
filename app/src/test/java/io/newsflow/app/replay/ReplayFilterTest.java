package io.newsflow.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.RawArticle;
import io.newsflow.schemas.testdata.TestRecords;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void shouldParseInstantsOffsetTimesAndDates() {
        assertThat(ReplayFilter.parseTime("--since", "2025-03-01T10:00:00Z")).isEqualTo(T);
        assertThat(ReplayFilter.parseTime("--since", "2025-03-01T12:00:00+02:00")).isEqualTo(T);
        assertThat(ReplayFilter.parseTime("--until", "2025-03-01")).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void shouldNameTheOptionTheValueAndTheFormatOnBadInput() {
        assertThatThrownBy(() -> ReplayFilter.parseTime("--until", "yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--until: 'yesterday' is not a time")
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void shouldSelectByFetchTimeHalfOpen() {
        ReplayFilter filter = new ReplayFilter(Optional.of(T), Optional.of(T.plusSeconds(60)), Set.of(), Set.of(),
                Set.of());
        assertThat(filter.test("a", raw("a", T, "https://feed.example/rss", "https://www.news.example/a"))).isTrue();
        assertThat(filter.test("a", raw("a", T.minusMillis(1), "f", "https://news.example/a"))).isFalse();
        assertThat(filter.test("a", raw("a", T.plusSeconds(60), "f", "https://news.example/a"))).isFalse();
        assertThat(filter.isEverything()).isFalse();
    }

    @Test
    void shouldSelectByFeedSiteAndIdAndAlwaysPassATombstone() {
        ReplayFilter filter = new ReplayFilter(Optional.empty(), Optional.empty(), Set.of("https://feed.example/rss"),
                Set.of("news.example"), Set.of("a"));
        assertThat(filter.test("a", raw("a", T, "https://feed.example/rss", "https://www.news.example/a"))).isTrue();
        assertThat(filter.test("b", raw("b", T, "https://feed.example/rss", "https://www.news.example/b"))).isFalse();
        assertThat(filter.test("a", raw("a", T, "https://other.example/rss", "https://www.news.example/a"))).isFalse();
        assertThat(filter.test("a", raw("a", T, "https://feed.example/rss", "https://elsewhere.example/a"))).isFalse();
        assertThat(filter.test("z", null)).isTrue();
        assertThat(ReplayFilter.all().isEverything()).isTrue();
    }

    private static RawArticle raw(String id, Instant fetchedAt, String feedUrl, String canonicalUrl) {
        return TestRecords.rawArticle()
                .setId(id)
                .setUrl(canonicalUrl)
                .setCanonicalUrl(canonicalUrl)
                .setFeedUrl(feedUrl)
                .setFetchedAt(fetchedAt)
                .build();
    }
}
