package io.newsflow.ingest.poll;

import io.newsflow.ingest.fetch.Fetching;
import io.newsflow.ingest.fetch.Validators;
import mockwebserver3.MockResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.feed.FeedLimits;
import io.newsflow.ingest.feed.FeedParser;
import io.newsflow.ingest.http.FetchSettings;
import io.newsflow.ingest.http.SafeFetcher;
import io.newsflow.ingest.fetch.Fetching.FeedFailed;
import io.newsflow.ingest.testing.LocalHttpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SafeFetchingTest {
    private final LocalHttpServer server = new LocalHttpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    /** A fetcher of its own per poll: a Retry-After closes the host's gate in the fetcher that saw it. */
    private Fetching.FeedResponse poll(String path) throws Exception {
        try (SafeFetching fetching = new SafeFetching(SafeFetcher.create(FetchSettings.DEFAULTS),
                new FeedParser(FeedLimits.DEFAULTS))) {
            return fetching.fetchFeed(feed(path), Validators.NONE);
        }
    }

    private FeedSpec feed(String path) {
        return new FeedSpec(server.url(path).toString(), null, null, null, List.of(), null, true, "test");
    }

    private void answer(String path, int status, String retryAfter) {
        server.route(path, request -> {
            MockResponse.Builder response = new MockResponse.Builder().code(status);
            return (retryAfter == null ? response : response.setHeader("Retry-After", retryAfter)).build();
        });
    }

    @Test
    void shouldPassOnTheWaitA503Or429AskedFor() throws Exception {
        answer("/busy", 503, "120");
        answer("/slow-down", 429, "30");

        assertThat(poll("/busy")).isInstanceOfSatisfying(FeedFailed.class,
                failed -> {
                    assertThat(failed.reason()).isEqualTo("HTTP_ERROR");
                    assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                });
        assertThat(poll("/slow-down")).isInstanceOfSatisfying(FeedFailed.class,
                failed -> assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void shouldIgnoreRetryAfterOnOtherStatusesAndWhenUnreadable() throws Exception {
        answer("/broken", 500, "120");
        answer("/garbled", 503, "soon");

        assertThat(poll("/broken")).isInstanceOfSatisfying(FeedFailed.class,
                failed -> assertThat(failed.retryAfter()).isNull());
        assertThat(poll("/garbled")).isInstanceOfSatisfying(FeedFailed.class,
                failed -> assertThat(failed.retryAfter()).isNull());
    }
}
