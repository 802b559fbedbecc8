package io.newsflow.ingest.http;

import okio.Buffer;
import mockwebserver3.MockResponse;
import io.newsflow.stack.junit.SharedFolder;
import static io.newsflow.ingest.http.FetcherTesting.FAST;
import static io.newsflow.ingest.http.FetcherTesting.IMPATIENT;
import static io.newsflow.ingest.http.FetcherTesting.SHORT_LIMITS;
import static io.newsflow.ingest.http.FetcherTesting.assertFailure;
import static io.newsflow.ingest.http.FetcherTesting.assertFetched;
import static io.newsflow.ingest.testing.RawServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.http.FetchFailure.Reason;
import io.newsflow.ingest.testing.LocalHttpServer;
import io.newsflow.ingest.testing.RawServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SafeFetcher bounds bytes, time and headers. */
class SafeFetcherLimitsTest {

    /** Generous: the limits under test are a few hundred milliseconds; CI machines are slow and shared. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final SafeFetcher fetcher = SafeFetcher.create(FAST);
    private RawServer raw;
    private LocalHttpServer server;

    @AfterEach
    void stop() throws IOException {
        fetcher.close();
        if (raw != null) {
            raw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private FetchResult fetch(URI url) {
        return fetcher.fetch(FetchRequest.feed(url).withAllowPrivateAddress(true));
    }

    private FetchResult fetch(URI url, FetchLimits limits) {
        return fetcher.fetch(FetchRequest.feed(url).withAllowPrivateAddress(true).withLimits(limits));
    }

    @Test
    void shouldCutOffServerThatStallsAfterHeaders() {
        raw = new RawServer((socket, self) -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<rss>");
            self.stallUntilClosed();
        });
        FetchFailure failure = assertFailure(fetch(raw.url("/feed"), IMPATIENT), Reason.IDLE_TIMEOUT);
        assertThat(failure.message()).contains(raw.url("/feed").toString()).contains("500 ms").contains("body");
        assertThat(failure.elapsed()).isLessThan(BOUND);
    }

    @Test
    void shouldCutOffServerThatNeverAnswers() {
        raw = new RawServer((socket, self) -> self.stallUntilClosed());
        FetchFailure failure = assertFailure(fetch(raw.url("/feed"), IMPATIENT), Reason.IDLE_TIMEOUT);
        assertThat(failure.message()).contains("response headers");
        assertThat(failure.elapsed()).isLessThan(BOUND);
    }

    @Test
    void shouldReportAFetchInterruptedWhileWaitingForTheHeadAsInterrupted() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        raw = new RawServer((socket, self) -> {
            requested.countDown();
            self.stallUntilClosed();
        });
        assertInterruptedOnceThere(requested);
    }

    @Test
    void shouldReportAFetchInterruptedDuringTheBodyAsInterrupted() throws Exception {
        CountDownLatch headSent = new CountDownLatch(1);
        raw = new RawServer((socket, self) -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<rss>");
            headSent.countDown();
            self.stallUntilClosed();
        });
        assertInterruptedOnceThere(headSent);
    }

    /** Interrupts a fetch once the server reached {@code there}; the fetch ends INTERRUPTED, the flag kept. */
    private void assertInterruptedOnceThere(CountDownLatch there) throws Exception {
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread fetching = Thread.ofVirtual().start(() -> {
            result.complete(fetch(raw.url("/feed")));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        assertThat(there.await(10, TimeUnit.SECONDS)).as("server reached").isTrue();
        fetching.interrupt();
        FetchFailure failure = assertFailure(result.get(10, TimeUnit.SECONDS), Reason.INTERRUPTED);
        fetching.join(Duration.ofSeconds(10));
        assertThat(failure.elapsed()).isLessThan(SHORT_LIMITS.idleTimeout());
        assertThat(flagKept).as("the interrupt stays set for the caller").isTrue();
    }

    @Test
    void shouldEnforceTotalDeadlineOnServerThatTricklesBytes() {
        raw = new RawServer((socket, self) -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n");
            while (true) {
                write(socket, "a");
                Thread.sleep(100); // the trickle itself: one byte well inside the idle timeout
            }
        });
        FetchLimits limits = SHORT_LIMITS.withIdleTimeout(Duration.ofSeconds(1)).withTotalTimeout(
                Duration.ofMillis(1500));
        FetchFailure failure = assertFailure(fetch(raw.url("/feed"), limits), Reason.TIMEOUT);
        assertThat(failure.message()).contains("total timeout of 1500 ms");
        assertThat(failure.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(BOUND);
    }

    @Test
    void shouldRefuseBodyWhoseContentLengthExceedsLimitWithoutReadingIt() {
        raw = new RawServer((socket, self) -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n");
            self.stallUntilClosed();
        });
        FetchFailure failure = assertFailure(fetch(raw.url("/big")), Reason.TOO_LARGE);
        assertThat(failure.message()).contains("Content-Length 999999999");
    }

    @Test
    void shouldStopEndlessBodyAtWireLimit() {
        raw = new RawServer((socket, self) -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'x');
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(block);
            }
        });
        FetchFailure failure = assertFailure(fetch(raw.url("/endless"), SHORT_LIMITS.withMaxWireBytes(1_000_000)),
                Reason.TOO_LARGE);
        assertThat(failure.message()).contains("more than 1000000 body bytes");
    }

    @Test
    void shouldStopEndlessChunkedBodyAtWireLimit() {
        raw = new RawServer((socket, self) -> {
            write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "1000\r\n" + "y".repeat(4096) + "\r\n";
            while (true) {
                write(socket, chunk);
            }
        });
        assertFailure(fetch(raw.url("/endless"), SHORT_LIMITS.withMaxWireBytes(500_000)), Reason.TOO_LARGE);
    }

    @ParameterizedTest(name = "chunk size line ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "-1|not hexadecimal", "-0|not hexadecimal", "+10|not hexadecimal", "0x10|not hexadecimal",
        "zz|not hexadecimal", "1 0|not hexadecimal", "8000000000000000|overflows",
        "ffffffffffffffffffff|overflows", "''|empty chunk size line"})
    void shouldReportAMalformedChunkSizeAsAProtocolError(String size, String why) {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nhello\r\n0\r\n\r\n"));

        FetchFailure failure = assertFailure(fetch(raw.url("/chunked")), Reason.PROTOCOL_ERROR);

        assertThat(failure.message()).contains(why);
    }

    /**
     * OkHttp reads the line after a chunk's data and does not insist that it is empty (the hand-written client
     * refused it); what matters is kept: bytes past the announced size never reach the body, and no connection is
     * reused after such a response, so nothing can be smuggled into a next one.
     */
    @Test
    void shouldKeepOnlyTheAnnouncedBytesOfAChunkFollowedByGarbage() {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n"));

        FetchResult.Fetched fetched = assertFetched(fetch(raw.url("/chunked")));

        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void shouldReportAChunkedBodyCutOffBeforeItsLastCrlfAsAProtocolError() {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello"));

        assertFailure(fetch(raw.url("/chunked")), Reason.PROTOCOL_ERROR);
    }

    @Test
    void shouldAcceptChunkSizesWithLeadingZerosAndExtensions() {
        raw = new RawServer((socket, self) -> write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "00000000000000000005;name=value\r\nhello\r\n0A \r\n, chunked!\r\n0\r\n\r\n"));

        FetchResult.Fetched fetched = assertFetched(fetch(raw.url("/chunked")));

        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("hello, chunked!");
    }

    @Test
    void shouldReportBodyShorterThanItsContentLength() {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this"));
        FetchFailure failure = assertFailure(fetch(raw.url("/short")), Reason.PROTOCOL_ERROR);
        assertThat(failure.message()).contains("9 of the 1000 bytes");
    }

    @Test
    void shouldReadNoMoreThanContentLengthWhenServerSendsMore() {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello and a lot of garbage after it"));
        FetchResult.Fetched fetched = assertFetched(fetch(raw.url("/long")));
        assertThat(new String(fetched.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void shouldRefuseConflictingContentLengths() {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nhello"));
        assertFailure(fetch(raw.url("/smuggle")), Reason.PROTOCOL_ERROR);
    }

    @Test
    void shouldRefuseOversizedHeaders() {
        raw = new RawServer((socket, self) -> {
            write(socket, "HTTP/1.1 200 OK\r\n");
            for (int i = 0; i < 10_000; i++) {
                write(socket, "X-Padding-" + i + ": " + "p".repeat(100) + "\r\n");
            }
        });
        FetchFailure failure = assertFailure(fetch(raw.url("/headers")), Reason.HEADERS_TOO_LARGE);
        assertThat(failure.message()).contains("65536 bytes");
    }

    @Test
    void shouldRefuseGarbageStatusLine() {
        raw = new RawServer((socket, self) -> write(socket, "SSH-2.0-OpenSSH_9.6\r\n\r\n"));
        assertFailure(fetch(raw.url("/")), Reason.PROTOCOL_ERROR);
    }

    @Test
    void shouldDecodeChunkedAndGzipBodies() throws IOException {
        String xml = "<rss version=\"2.0\"><channel><title>" + "news ".repeat(2000) + "</title></channel></rss>";
        byte[] gzipped = gzip(xml.getBytes(StandardCharsets.UTF_8));
        server = new LocalHttpServer().route("/feed.xml", request -> new MockResponse.Builder()
                .setHeader("Content-Encoding", "gzip").chunkedBody(new Buffer().write(gzipped), 1024).build());
        FetchResult.Fetched fetched = assertFetched(fetch(server.url("/feed.xml")));
        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo(xml);
        assertThat(fetched.wireBytes()).isEqualTo(gzipped.length).isLessThan(fetched.body().length);
        assertThat(server.seen().get(0).headers().get("Accept-Encoding")).contains("gzip").contains("deflate");
    }

    @Test
    void shouldStopTheSharedGzipBombFixtureQuickly() throws IOException {
        byte[] bomb = Files.readAllBytes(SharedFolder.fixtures("feeds").resolve("hostile/gzip-bomb.xml.gz"));
        server = new LocalHttpServer().route("/bomb.xml", request -> LocalHttpServer.encoded("gzip",
                "application/rss+xml", bomb));
        long before = System.nanoTime();
        FetchFailure failure = assertFailure(fetch(server.url("/bomb.xml")), Reason.DECOMPRESSION_BOMB);
        assertThat(failure.message()).contains("inflates past " + SHORT_LIMITS.maxBodyBytes());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(BOUND);
    }

    @Test
    void shouldStopDeflateBombInBothZlibAndRawForm() throws IOException {
        for (boolean rawDeflate : new boolean[] {false, true}) {
            byte[] bomb = deflateZeros(64L * 1024 * 1024, rawDeflate);
            try (LocalHttpServer bombServer = new LocalHttpServer().route("/bomb", request -> LocalHttpServer.encoded(
                    "deflate", null, bomb))) {
                FetchLimits limits = SHORT_LIMITS.withMaxBodyBytes(4 * 1024 * 1024);
                assertFailure(fetch(bombServer.url("/bomb"), limits), Reason.DECOMPRESSION_BOMB);
            }
        }
    }

    @Test
    void shouldDecodeRawAndZlibDeflate() throws IOException {
        for (boolean rawDeflate : new boolean[] {false, true}) {
            byte[] body = deflate("deflated feed".getBytes(StandardCharsets.UTF_8), rawDeflate);
            try (LocalHttpServer deflating = new LocalHttpServer().route("/d", request -> LocalHttpServer.encoded(
                    "deflate", null, body))) {
                FetchResult.Fetched fetched = assertFetched(fetch(deflating.url("/d")));
                assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("deflated feed");
            }
        }
    }

    @Test
    void shouldRefuseEncodingItDidNotAskFor() {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 3\r\n\r\nabc"));
        assertFailure(fetch(raw.url("/br")), Reason.UNSUPPORTED_ENCODING);
    }

    @Test
    void shouldReportCorruptGzipBody() {
        raw = new RawServer((socket, self) -> write(socket,
                "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\nnot gzip!!!!"));
        assertFailure(fetch(raw.url("/corrupt")), Reason.PROTOCOL_ERROR);
    }

    @Test
    void shouldReportRefusedConnection() throws IOException {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        FetchFailure failure = assertFailure(fetch(URI.create("http://127.0.0.1:" + port + "/")),
                Reason.CONNECT_FAILED);
        assertThat(failure.message()).contains("127.0.0.1");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(9, raw))) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflateZeros(long size, boolean raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[1024 * 1024];
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(9, raw))) {
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }
}
