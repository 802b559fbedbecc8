package io.newsflow.ingest.http;

import static io.newsflow.ingest.http.FetcherTesting.FAST;
import static io.newsflow.ingest.http.FetcherTesting.assertFailure;
import static io.newsflow.ingest.http.FetcherTesting.assertFetched;
import static io.newsflow.ingest.http.FetcherTesting.hosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.newsflow.ingest.http.FetchFailure.Reason;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a pinned address keeps SNI and certificate checks on the host name. */
class SafeFetcherTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static X509TrustManager clientTrust;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=news.test", "-ext", "SAN=dns:news.test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished: " + output).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        clientTrust = (X509TrustManager) trust.getTrustManagers()[0];

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/feed", exchange -> {
            byte[] body = "<rss/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private SafeFetcher fetcher() {
        HostResolver dns = hosts(Map.of("news.test", List.of("127.0.0.1"), "other.test", List.of("127.0.0.1")));
        return SafeFetcher.builder(FAST).resolver(dns).trustManager(clientTrust).build();
    }

    private URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/feed");
    }

    @Test
    void shouldFetchOverTlsFromPinnedAddress() {
        try (SafeFetcher fetcher = fetcher()) {
            FetchResult.Fetched fetched = assertFetched(fetcher.fetch(FetchRequest.feed(url("news.test"))
                    .withAllowPrivateAddress(true)));
            assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
        }
    }

    @Test
    void shouldRefuseCertificateForAnotherName() {
        try (SafeFetcher fetcher = fetcher()) {
            FetchFailure failure = assertFailure(fetcher.fetch(FetchRequest.feed(url("other.test"))
                    .withAllowPrivateAddress(true)), Reason.TLS_FAILED);
            assertThat(failure.message()).contains("other.test");
        }
    }

    @Test
    void shouldRefuseUntrustedCertificate() {
        HostResolver dns = hosts(Map.of("news.test", List.of("127.0.0.1")));
        try (SafeFetcher fetcher = SafeFetcher.builder(FAST).resolver(dns).build()) {
            assertFailure(fetcher.fetch(FetchRequest.feed(url("news.test")).withAllowPrivateAddress(true)),
                    Reason.TLS_FAILED);
        }
    }
}
