package io.newsflow.ingest.http;

import static io.newsflow.ingest.http.FetcherTesting.FAST;
import static io.newsflow.ingest.http.FetcherTesting.SHORT_LIMITS;
import static io.newsflow.ingest.http.FetcherTesting.assertFailure;
import static io.newsflow.ingest.http.FetcherTesting.assertFetched;
import static io.newsflow.ingest.http.FetcherTesting.fetchAtOnceAndAssertFetched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.ingest.http.FetchFailure.Reason;
import io.newsflow.ingest.testing.LocalHttpServer;
import io.newsflow.ingest.testing.RawServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections are kept and reused, only where that is safe, and never more of them to one host than its limit. */
class SafeFetcherConnectionsTest {

    private final LocalHttpServer server = new LocalHttpServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldReuseOneConnectionForFetchesInTurnToOneHost() {
        server.text("/feed", "text/xml", "<rss/>");
        server.route("/same", request -> new MockResponse.Builder().code(304).build());
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            for (int i = 0; i < 3; i++) {
                assertFetched(fetcher.fetch(FetchRequest.feed(server.url("/feed")).withAllowPrivateAddress(true)));
            }
            assertThat(fetcher.fetch(FetchRequest.feed(server.url("/same")).withAllowPrivateAddress(true)))
                    .isInstanceOf(FetchResult.NotModified.class);
        }
        assertThat(server.seen()).hasSize(4).extracting(LocalHttpServer.Seen::connection).containsOnly(0);
    }

    @Test
    void shouldKeepNoMoreConnectionsToAHostThanItsLimitAllows() throws Exception {
        server.route("/slow", request -> {
            Thread.sleep(20); // long enough for the fetches to overlap
            return LocalHttpServer.respond(200, "text/plain", "ok".getBytes());
        });
        try (SafeFetcher fetcher = SafeFetcher.create(FAST.withPoliteness(2, Duration.ZERO));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int wave = 0; wave < 2; wave++) {
                fetchAtOnceAndAssertFetched(threads, fetcher, server.url("/slow"), 8);
            }
        }
        assertThat(server.seen()).hasSize(16);
        assertThat(server.seen().stream().map(LocalHttpServer.Seen::connection).distinct().count())
                .as("connections opened to the host over 16 fetches, at most 2 at once").isBetween(1L, 2L);
    }

    @Test
    void shouldOpenANewConnectionAfterABodyCutOffAtItsLimit() {
        server.route("/big", request -> LocalHttpServer.respond(200, "text/plain", new byte[64 * 1024]));
        server.text("/small", "text/plain", "ok");
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            assertFailure(fetcher.fetch(FetchRequest.page(server.url("/big")).withAllowPrivateAddress(true)
                    .withLimits(SHORT_LIMITS.withMaxBodyBytes(1000).withMaxWireBytes(1000))), Reason.TOO_LARGE);
            assertFetched(fetcher.fetch(FetchRequest.page(server.url("/small")).withAllowPrivateAddress(true)));
        }
        // the unread rest of the big body stays on the closed connection, never read as the next response
        assertThat(server.seen()).extracting(LocalHttpServer.Seen::connection).doesNotHaveDuplicates();
    }

    @Test
    void shouldFetchOnAFreshConnectionWhenTheServerClosedThePooledOne() throws Exception {
        try (RawServer oneAnswerEach = new RawServer((socket, self) -> RawServer.write(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")); // then closes, without saying so
                SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            for (int i = 0; i < 3; i++) {
                FetchResult.Fetched fetched = assertFetched(fetcher.fetch(FetchRequest.feed(oneAnswerEach.url("/"))
                        .withAllowPrivateAddress(true)));
                assertThat(fetched.body()).asString().isEqualTo("ok");
            }
            assertThat(oneAnswerEach.connections()).isEqualTo(3);
        }
    }

    @Test
    void shouldNeverReuseAConnectionUnderAnotherAddressPolicy() throws Exception {
        server.text("/feed", "text/xml", "<rss/>");
        List<InetAddress> loopback = List.of(InetAddress.getLoopbackAddress());
        try (OkHttpExchange.Clients clients = FetcherTesting.platformClients()) {
            try (OkHttpExchange allowed = OkHttpExchange.open(clients, server.url("/feed"), loopback, true, Map.of(),
                    SHORT_LIMITS, System.nanoTime() + SHORT_LIMITS.totalTimeout().toNanos())) {
                assertThat(allowed.readBody(SHORT_LIMITS, false)).asString().isEqualTo("<rss/>");
            }
            // the connection just pooled was opened for the policy that allows loopback: not for this one
            assertThatThrownBy(() -> OkHttpExchange.open(clients, server.url("/feed"), loopback, false, Map.of(),
                    SHORT_LIMITS, System.nanoTime() + SHORT_LIMITS.totalTimeout().toNanos()))
                    .isInstanceOfSatisfying(FetchException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.SSRF_BLOCKED));
        }
        assertThat(server.seen()).hasSize(1);
    }
}
