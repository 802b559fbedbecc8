package io.newsflow.ingest.http;

import mockwebserver3.MockResponse;
import static io.newsflow.ingest.http.FetcherTesting.FAST;
import static io.newsflow.ingest.http.FetcherTesting.assertFailure;
import static io.newsflow.ingest.http.FetcherTesting.assertFetched;
import static io.newsflow.ingest.http.FetcherTesting.fetchAtOnceAndAssertFetched;
import static io.newsflow.ingest.http.FetcherTesting.hosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.ingest.http.FetchFailure.Reason;
import io.newsflow.ingest.testing.LocalHttpServer;
import io.newsflow.ingest.testing.RawServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SafeFetcher is polite and a bad host never holds up the others. */
class SafeFetcherPolitenessTest {

    private final LocalHttpServer server = new LocalHttpServer();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        server.close();
    }

    @Test
    void shouldSendConfiguredUserAgentUnlessFeedOverridesIt() {
        server.text("/feed", "text/xml", "<rss/>");
        try (SafeFetcher fetcher = SafeFetcher.create(FAST.withContactUrl(URI.create("https://example.org/bot")))) {
            assertFetched(fetcher.fetch(FetchRequest.feed(server.url("/feed")).withAllowPrivateAddress(true)));
            assertFetched(fetcher.fetch(FetchRequest.feed(server.url("/feed")).withAllowPrivateAddress(true)
                    .withUserAgent("CustomReader/2.0")));
        }
        assertThat(server.seen()).extracting(seen -> seen.headers().get("User-Agent"))
                .containsExactly("newsflow/0.1.0 (+https://example.org/bot)", "CustomReader/2.0");
    }

    @Test
    void shouldSendConditionalHeadersAndReportNotModified() {
        server.route("/feed", request -> new MockResponse.Builder()
                .code("\"v1\"".equals(request.getHeaders().get("If-None-Match")) ? 304 : 200)
                .setHeader("ETag", "\"v1\"").build());
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            FetchResult result = fetcher.fetch(FetchRequest.feed(server.url("/feed")).withAllowPrivateAddress(true)
                    .withValidators("\"v1\"", "Sat, 01 Jan 2022 00:00:00 GMT"));
            assertThat(result).isInstanceOfSatisfying(FetchResult.NotModified.class,
                    notModified -> assertThat(notModified.headers().etag()).contains("\"v1\"")); 
        }
        assertThat(server.seen().get(0).headers().get("If-Modified-Since"))
                .isEqualTo("Sat, 01 Jan 2022 00:00:00 GMT");
    }

    @Test
    void shouldReportHttpErrorsWithStatusAndRetryAfter() {
        server.route("/busy", request -> new MockResponse.Builder().code(503).setHeader("Retry-After", "120").build());
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            FetchFailure failure = assertFailure(fetcher.fetch(FetchRequest.feed(server.url("/busy"))
                    .withAllowPrivateAddress(true)), Reason.HTTP_ERROR);
            assertThat(failure.status()).isEqualTo(503);
            assertThat(failure.message()).contains(server.url("/busy").toString()).contains("503");
            assertThat(failure.headers().retryAfter(Instant.now())).contains(Duration.ofSeconds(120));
        }
    }

    @Test
    void shouldHoldBackEveryFetchToHostThatAskedForTimeWithRetryAfter() {
        server.route("/busy", request -> new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());
        server.text("/page", "text/html", "<p>fine</p>");
        server.text("/elsewhere", "text/html", "<p>fine</p>");
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            assertFailure(fetcher.fetch(FetchRequest.page(server.url("/busy")).withAllowPrivateAddress(true)),
                    Reason.HTTP_ERROR);
            FetchFailure held = assertFailure(fetcher.fetch(FetchRequest.page(server.url("/page"))
                    .withAllowPrivateAddress(true)), Reason.HOST_BUSY);
            assertThat(held.elapsed()).as("refused at once, not after waiting out the deadline")
                    .isLessThan(Duration.ofSeconds(5));
            // The same server under another name is another host: not held back.
            assertFetched(fetcher.fetch(FetchRequest.page(URI.create(server.url("/elsewhere").toString()
                    .replace("127.0.0.1", "localhost"))).withAllowPrivateAddress(true)));
        }
        assertThat(server.seen()).extracting(seen -> seen.path()).containsExactly("/busy", "/elsewhere");
    }

    @Test
    void shouldLimitConcurrentFetchesToOneHost() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        server.route("/slow", request -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50); // hold the request open long enough for overlap to be possible
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return LocalHttpServer.respond(200, "text/plain", "ok".getBytes());
        });
        try (SafeFetcher fetcher = SafeFetcher.create(FAST.withPoliteness(2, Duration.ZERO))) {
            fetchAtOnceAndAssertFetched(threads, fetcher, server.url("/slow"), 8);
        }
        assertThat(maxInFlight.get()).isBetween(1, 2);
        assertThat(server.hits("/slow")).isEqualTo(8);
    }

    @Test
    void shouldSpaceRequestsToOneHostByMinimumDelay() throws Exception {
        HostGate gate = new HostGate(4, Duration.ofMillis(200));
        long before = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            try (HostGate.Permit permit = gate.acquire("example.org", Duration.ofSeconds(5))) {
                assertThat(permit).isNotNull();
            }
        }
        // the first start is immediate, each later one at least 200 ms after the one before
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        try (HostGate.Permit other = gate.acquire("other.example", Duration.ofMillis(1))) {
            assertThat(other).as("another host is not delayed").isNotNull();
        }
    }

    @Test
    void shouldReportHostBusyWhenGateDoesNotOpenInTime() throws Exception {
        HostGate gate = new HostGate(1, Duration.ZERO);
        try (HostGate.Permit held = gate.acquire("example.org", Duration.ofSeconds(1))) {
            assertThat(gate.acquire("example.org", Duration.ofMillis(50))).isNull();
        }
    }

    @Test
    void shouldNotLetAStallingHostDelayFetchesToOtherHosts() throws Exception {
        server.text("/fast", "text/plain", "fast");
        try (RawServer stalling = new RawServer((socket, self) -> self.stallUntilClosed())) {
            HostResolver dns = hosts(Map.of("stalling.test", List.of("127.0.0.1"), "fast.test", List.of("127.0.0.1")));
            FetchLimits patient = FetcherTesting.SHORT_LIMITS.withIdleTimeout(Duration.ofSeconds(30))
                    .withTotalTimeout(Duration.ofSeconds(30));
            try (SafeFetcher fetcher = SafeFetcher.builder(FAST.withPoliteness(1, Duration.ZERO)).resolver(dns).build()) {
                List<CompletableFuture<FetchResult>> stalled = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    stalled.add(CompletableFuture.supplyAsync(() -> fetcher.fetch(FetchRequest.feed(
                            URI.create("http://stalling.test:" + stalling.port() + "/")).withAllowPrivateAddress(true)
                            .withLimits(patient)), threads));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> stalling.connections() >= 1);
                for (int i = 0; i < 5; i++) {
                    long before = System.nanoTime();
                    FetchResult.Fetched fast = assertFetched(fetcher.fetch(FetchRequest.feed(
                            URI.create("http://fast.test:" + server.port() + "/fast")).withAllowPrivateAddress(true)));
                    assertThat(fast.body()).asString().isEqualTo("fast");
                    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
                }
                assertThat(stalled).allMatch(future -> !future.isDone());
            }
        }
    }

    @Test
    void shouldObeyRobotsTxtForPagesOnly() {
        server.text("/robots.txt", "text/plain", """
                User-agent: *
                Disallow: /

                User-agent: newsflow
                Disallow: /private
                Allow: /private/public-notes
                """);
        server.text("/private/report", "text/html", "<p>secret</p>");
        server.text("/private/public-notes", "text/html", "<p>notes</p>");
        server.text("/news/1", "text/html", "<p>news</p>");
        try (SafeFetcher fetcher = SafeFetcher.create(FAST.withRobots(true, Duration.ofHours(1),
                Duration.ofMinutes(1)))) {
            FetchFailure refused = assertFailure(fetcher.fetch(page("/private/report")), Reason.ROBOTS_DISALLOWED);
            assertThat(refused.message()).contains("/private/report").contains("robots.txt");
            assertFetched(fetcher.fetch(page("/private/public-notes")));
            assertFetched(fetcher.fetch(page("/news/1")));
            assertFetched(fetcher.fetch(FetchRequest.feed(server.url("/private/report")).withAllowPrivateAddress(true)));
        }
        assertThat(server.hits("/robots.txt")).as("robots.txt is cached").isEqualTo(1);
        assertThat(server.hits("/private/report")).as("only the FEED fetch reached it").isEqualTo(1);
    }

    @Test
    void shouldTreatMissingRobotsTxtAsAllowAllAndFailingOneAsDisallowAll() {
        server.route("/robots.txt", request -> LocalHttpServer.respond(404, null, new byte[0]));
        server.text("/page", "text/html", "<p>ok</p>");
        try (LocalHttpServer broken = new LocalHttpServer()) {
            broken.route("/robots.txt", request -> LocalHttpServer.respond(503, null, new byte[0]));
            broken.text("/page", "text/html", "<p>ok</p>");
            try (SafeFetcher fetcher = SafeFetcher.create(FAST.withRobots(true, Duration.ofHours(1),
                    Duration.ofMinutes(1)))) {
                assertFetched(fetcher.fetch(page("/page")));
                FetchFailure failure = assertFailure(fetcher.fetch(FetchRequest.page(broken.url("/page"))
                        .withAllowPrivateAddress(true)), Reason.ROBOTS_DISALLOWED);
                assertThat(failure.message()).contains("robots.txt");
            }
            assertThat(broken.hits("/page")).isZero();
        }
    }

    @Test
    void shouldApplyTheCrawlDelayRobotsTxtAsksFor() {
        server.text("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 0.4\n");
        server.text("/a", "text/html", "<p>a</p>");
        server.text("/b", "text/html", "<p>b</p>");
        try (SafeFetcher fetcher = SafeFetcher.create(FAST.withRobots(true, Duration.ofHours(1),
                Duration.ofMinutes(1)))) {
            long before = System.nanoTime();
            assertFetched(fetcher.fetch(page("/a")));
            assertFetched(fetcher.fetch(page("/b")));
            // /a starts after robots.txt is read; /b at least the crawl delay after /a's start
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    private FetchRequest page(String path) {
        return FetchRequest.page(server.url(path)).withAllowPrivateAddress(true);
    }

    @Test
    void shouldEndAStalledFetchWhenItsServerCloses() throws IOException {
        // guard for the test above: the raw server really stalls until closed, then the fetch ends
        RawServer stalling = new RawServer((socket, self) -> self.stallUntilClosed());
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            CompletableFuture<FetchResult> pending = CompletableFuture.supplyAsync(() -> fetcher.fetch(
                    FetchRequest.feed(stalling.url("/")).withAllowPrivateAddress(true)
                            .withLimits(FetcherTesting.SHORT_LIMITS.withIdleTimeout(Duration.ofSeconds(30))
                                    .withTotalTimeout(Duration.ofSeconds(30)))), threads);
            await().atMost(Duration.ofSeconds(10)).until(() -> stalling.connections() == 1);
            stalling.close();
            await().atMost(Duration.ofSeconds(10)).until(pending::isDone);
            assertThat(pending.join()).isInstanceOf(FetchFailure.class);
        }
    }
}
