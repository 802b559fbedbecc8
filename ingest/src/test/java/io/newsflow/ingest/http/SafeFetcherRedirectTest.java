package io.newsflow.ingest.http;

import static io.newsflow.ingest.http.FetcherTesting.FAST;
import static io.newsflow.ingest.http.FetcherTesting.assertFailure;
import static io.newsflow.ingest.http.FetcherTesting.assertFetched;
import static io.newsflow.ingest.testing.LocalHttpServer.redirect;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.http.FetchFailure.Reason;
import io.newsflow.ingest.testing.LocalHttpServer;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SafeFetcher follows redirects itself, re-checking every hop. */
class SafeFetcherRedirectTest {

    private final LocalHttpServer server = new LocalHttpServer();
    private final SafeFetcher fetcher = SafeFetcher.create(FAST.withAllowFileScheme(true));

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private FetchResult fetchAllowingLoopback(String path) {
        return fetcher.fetch(FetchRequest.feed(server.url(path)).withAllowPrivateAddress(true));
    }

    @Test
    void shouldFollowFiveRedirectsAndReportFinalUrl() {
        for (int i = 1; i <= 5; i++) {
            int status = new int[] {301, 302, 303, 307, 308}[i - 1];
            server.route("/hop" + i, redirect(status, i == 5 ? "/final" : "/hop" + (i + 1)));
        }
        server.text("/final", "text/xml", "<rss/>");
        FetchResult.Fetched fetched = assertFetched(fetchAllowingLoopback("/hop1"));
        assertThat(fetched.finalUrl()).isEqualTo(server.url("/final"));
        assertThat(fetched.redirects()).hasSize(5).first().isEqualTo(server.url("/hop1"));
    }

    @Test
    void shouldGiveUpAfterFiveRedirects() {
        for (int i = 1; i <= 6; i++) {
            server.route("/hop" + i, redirect(302, i == 6 ? "/final" : "/hop" + (i + 1)));
        }
        server.text("/final", "text/xml", "<rss/>");
        FetchFailure failure = assertFailure(fetchAllowingLoopback("/hop1"), Reason.TOO_MANY_REDIRECTS);
        assertThat(failure.message()).contains("more than 5 redirects").contains("/hop6");
        assertThat(server.hits("/final")).isZero();
    }

    @Test
    void shouldStopRedirectLoop() {
        server.route("/loop", redirect(301, "/loop"));
        assertFailure(fetchAllowingLoopback("/loop"), Reason.TOO_MANY_REDIRECTS);
        assertThat(server.hits("/loop")).isEqualTo(6);
    }

    @Test
    void shouldRefuseRedirectToCloudMetadataEvenWithPrivateOverride() {
        server.route("/to-metadata", redirect(302, "http://169.254.169.254/latest/meta-data/iam/"));
        FetchFailure failure = assertFailure(fetchAllowingLoopback("/to-metadata"), Reason.SSRF_BLOCKED);
        assertThat(failure.url()).isEqualTo(URI.create("http://169.254.169.254/latest/meta-data/iam/"));
        assertThat(failure.message()).contains("cloud metadata");
    }

    @Test
    void shouldRefuseRedirectToUnspecifiedAddressWhichReachesThisHost() {
        // 0.0.0.0 connects to the local host on Linux; the override does not cover it, and the hop is re-checked.
        server.route("/to-unspecified", redirect(302, "http://0.0.0.0:" + server.port() + "/secret"));
        server.text("/secret", "text/plain", "secret");
        assertFailure(fetchAllowingLoopback("/to-unspecified"), Reason.SSRF_BLOCKED);
        assertThat(server.hits("/secret")).isZero();
    }

    @Test
    void shouldRefuseRedirectToFileEvenWhenFileSchemeIsEnabled() {
        server.route("/to-file", redirect(302, "file:///etc/passwd"));
        FetchFailure failure = assertFailure(fetchAllowingLoopback("/to-file"), Reason.BAD_SCHEME);
        assertThat(failure.message()).contains("file").contains("redirected from");
    }

    @Test
    void shouldResolveRelativeLocations() {
        server.route("/a/b", redirect(301, "../c?x=1"));
        server.text("/c", "text/plain", "ok");
        FetchResult.Fetched fetched = assertFetched(fetchAllowingLoopback("/a/b"));
        assertThat(fetched.finalUrl()).isEqualTo(server.url("/c?x=1"));
    }

    @Test
    void shouldReportRedirectWithoutLocationAsHttpError() {
        server.route("/nowhere", request -> LocalHttpServer.respond(302, null, new byte[0]));
        FetchFailure failure = assertFailure(fetchAllowingLoopback("/nowhere"), Reason.HTTP_ERROR);
        assertThat(failure.status()).isEqualTo(302);
    }
}
