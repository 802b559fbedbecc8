package io.newsflow.app.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoServerTest {

    /** The samples the demo config points at, as committed in the repo. */
    static final Path SAMPLES = Path.of("..", "config", "samples");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DemoServer demo;

    @BeforeAll
    static void start() {
        demo = DemoServer.start(SAMPLES, 0, false);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheFeedsOnLoopbackWithTheirDemoLinksResolved() throws Exception {
        HttpResponse<String> feed = get(demo.baseUrl() + "feeds/world.xml");

        assertThat(demo.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValue("application/rss+xml; charset=utf-8");
        assertThat(feed.body()).doesNotContain(DemoServer.SCHEME)
                .contains("<link>" + demo.baseUrl() + "pages/geneva-talks.html?utm_source=rss");
    }

    @Test
    void shouldServeAPageForEveryLinkOfEveryDemoFeed() throws Exception {
        Pattern link = Pattern.compile("(?:<link>|href=\")(" + Pattern.quote(demo.baseUrl()) + "pages/[^<\"?]+)");
        int pages = 0;
        try (var feeds = Files.list(SAMPLES.resolve("feeds"))) {
            for (Path file : feeds.toList()) {
                String name = file.getFileName().toString();
                Matcher links = link.matcher(get(demo.baseUrl() + "feeds/" + name).body());
                while (links.find()) {
                    int status = get(links.group(1)).statusCode();
                    assertThat(status).as(name + " links " + links.group(1)).isEqualTo(name.equals("broken.xml") ? 404 : 200);
                    pages++;
                }
            }
        }
        assertThat(pages).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldServeTheSeedArticlePageWithItsTextAndItsSpam() throws Exception {
        String page = get(demo.baseUrl() + "pages/geneva-talks.html").body();

        assertThat(page).contains("<h1>Pembicaraan Keamanan AS-Rusia: Apa yang Kami Ketahui</h1>")
                .contains("Sherman mengancam sanksi")
                .contains("<p>AFP melaporkan.</p>")
                .contains("<p>sbobet</p>")
                .contains("<p>By gacor88</p>");
    }

    @Test
    void shouldAnswer304ToAConditionalGetWithTheFeedsETag() throws Exception {
        HttpResponse<String> first = get(demo.baseUrl() + "feeds/business.atom");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        assertThat(get(demo.baseUrl() + "feeds/business.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(demo.baseUrl() + "feeds/business.atom", "If-None-Match", "\"other\"").statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldServeNothingOutsideTheSamplesFolder() throws Exception {
        assertThat(get(demo.baseUrl() + "../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get(demo.baseUrl() + "%2e%2e/%2e%2e/pom.xml").statusCode()).isEqualTo(404);
        assertThat(get(demo.baseUrl() + "feeds/missing.xml").statusCode()).isEqualTo(404);
        assertThat(get(demo.baseUrl() + "robots.txt").body()).contains("Allow: /");
    }

    @Test
    void shouldFallBackFromATakenPortToAFreeOneOnlyWhenAllowed() {
        try (DemoServer second = DemoServer.start(SAMPLES, demo.port(), true)) {
            assertThat(second.port()).isNotEqualTo(demo.port());
            assertThat(second.resolve("demo://feeds/a.xml")).isEqualTo(second.baseUrl() + "feeds/a.xml");
        }
        assertThatThrownBy(() -> DemoServer.start(SAMPLES, demo.port(), false))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("port " + demo.port() + " is taken");
    }
}
