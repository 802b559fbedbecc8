package io.newsflow.ingest.http;

import static io.newsflow.ingest.http.FetcherTesting.FAST;
import static io.newsflow.ingest.http.FetcherTesting.assertFailure;
import static io.newsflow.ingest.http.FetcherTesting.assertFetched;
import static io.newsflow.ingest.http.FetcherTesting.hosts;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.http.FetchFailure.Reason;
import io.newsflow.ingest.testing.LocalHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SafeFetcher refuses server-side request forgery. */
class SafeFetcherSsrfTest {

    private final LocalHttpServer server = new LocalHttpServer()
            .text("/feed", "application/rss+xml", "<rss/>");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldFetchFromLoopbackWhenFeedIsAllowedPrivateAddresses() {
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            FetchResult.Fetched fetched = assertFetched(fetcher.fetch(
                    FetchRequest.feed(server.url("/feed")).withAllowPrivateAddress(true)));
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
            assertThat(fetched.headers().mediaType()).contains("application/rss+xml");
            assertThat(fetched.finalUrl()).isEqualTo(server.url("/feed"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.1", "0x7f000001", "2130706433", "0177.0.0.1", "0x7f.1",
        "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "[::127.0.0.1]",
        "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "localhost", "LOCALHOST.", "0.0.0.0", "[::]", "0"})
    void shouldRefuseLoopbackInEverySpellingWithoutTheOverride(String host) {
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            URI url = URI.create("http://" + host + ":" + server.port() + "/feed");
            FetchFailure failure = assertFailure(fetcher.fetch(FetchRequest.feed(url)), Reason.SSRF_BLOCKED);
            assertThat(failure.message()).contains(url.toString());
            assertThat(server.totalHits()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.0.1/", "http://100.64.0.1/",
        "http://169.254.10.10/", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
        "http://[fe80::1]/", "http://[fc00::1]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:a9fe:a9fe]/",
        "http://224.0.0.1/", "http://255.255.255.255/", "http://240.0.0.1/", "http://0xa9fea9fe/",
        "http://metadata.google.internal/computeMetadata/v1/", "https://10.1/"})
    void shouldRefusePrivateAndSpecialAddressLiteralsWithoutADnsLookup(String url) {
        try (SafeFetcher fetcher = SafeFetcher.builder(FAST).resolver(host -> {
            throw new AssertionError("no DNS lookup expected for " + host);
        }).build()) {
            FetchFailure failure = assertFailure(fetcher.fetch(FetchRequest.feed(URI.create(url))),
                    Reason.SSRF_BLOCKED);
            assertThat(failure.message()).startsWith(url);
        }
    }

    @Test
    void shouldRefuseCloudMetadataEvenWithThePrivateOverride() {
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            for (String url : List.of("http://169.254.169.254/", "http://[fd00:ec2::254]/",
                    "http://metadata.google.internal/", "http://[::ffff:169.254.169.254]/")) {
                assertFailure(fetcher.fetch(FetchRequest.feed(URI.create(url)).withAllowPrivateAddress(true)),
                        Reason.SSRF_BLOCKED);
            }
        }
    }

    @Test
    void shouldCheckEveryAddressTheNameResolvesTo() {
        HostResolver dns = hosts(Map.of(
                "internal.test", List.of("127.0.0.1"),
                "mixed.test", List.of("93.184.215.14", "10.0.0.7")));
        try (SafeFetcher fetcher = SafeFetcher.builder(FAST).resolver(dns).build()) {
            FetchFailure internal = assertFailure(fetcher.fetch(FetchRequest.feed(
                    URI.create("http://internal.test:" + server.port() + "/feed"))), Reason.SSRF_BLOCKED);
            assertThat(internal.message()).contains("internal.test resolves to 127.0.0.1");
            FetchFailure mixed = assertFailure(fetcher.fetch(FetchRequest.feed(URI.create("http://mixed.test/"))),
                    Reason.SSRF_BLOCKED);
            assertThat(mixed.message()).contains("10.0.0.7");
            assertThat(server.totalHits()).isZero();
        }
    }

    @Test
    void shouldResolveANameOnceAndConnectToThatAddressAgainstRebinding() {
        AtomicInteger lookups = new AtomicInteger();
        // A rebinding resolver: the first answer is the allowed one, every later answer points elsewhere.
        HostResolver rebinding = host -> {
            String answer = lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254";
            return List.of(FetcherTesting.address(answer));
        };
        try (SafeFetcher fetcher = SafeFetcher.builder(FAST).resolver(rebinding).build()) {
            FetchResult.Fetched fetched = assertFetched(fetcher.fetch(FetchRequest.feed(
                    URI.create("http://feeds.test:" + server.port() + "/feed")).withAllowPrivateAddress(true)));
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(lookups).hasValue(1);
            assertThat(server.seen()).singleElement().satisfies(seen ->
                    assertThat(seen.headers().get("Host")).isEqualTo("feeds.test:" + server.port()));
        }
    }

    @Test
    void shouldRefuseSchemesOtherThanHttpAndHttps() {
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            for (String url : List.of("file:///etc/passwd", "ftp://example.com/feed", "gopher://127.0.0.1:70/",
                    "jar:file:/x.jar!/a", "data:text/plain,hello")) {
                FetchFailure failure = assertFailure(fetcher.fetch(FetchRequest.feed(URI.create(url))),
                        Reason.BAD_SCHEME);
                assertThat(failure.message()).contains("only http and https");
            }
        }
    }

    @Test
    void shouldReadLocalFilesOnlyWhenFileSchemeIsEnabled() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("demo-feed", ".xml");
        try (SafeFetcher enabled = SafeFetcher.create(FAST.withAllowFileScheme(true))) {
            java.nio.file.Files.writeString(file, "<rss version=\"2.0\"/>");
            FetchResult.Fetched fetched = assertFetched(enabled.fetch(FetchRequest.feed(file.toUri())));
            assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("<rss version=\"2.0\"/>");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldNeverReadAFileForAPageEvenWithTheFileSchemeEnabled() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("secret", ".html");
        try (SafeFetcher enabled = SafeFetcher.create(FAST.withAllowFileScheme(true))) {
            java.nio.file.Files.writeString(file, "<p>this machine's secret</p>");
            FetchFailure failure = assertFailure(enabled.fetch(FetchRequest.page(file.toUri())), Reason.BAD_SCHEME);
            assertThat(failure.message()).contains("only http and https");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldRefuseUrlsWithoutHost() {
        try (SafeFetcher fetcher = SafeFetcher.create(FAST)) {
            assertFailure(fetcher.fetch(FetchRequest.feed(URI.create("http:///feed"))), Reason.BAD_URL);
        }
    }
}
