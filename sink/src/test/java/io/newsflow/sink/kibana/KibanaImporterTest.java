package io.newsflow.sink.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.newsflow.sink.kibana.KibanaImporter.Credentials;
import io.newsflow.sink.kibana.KibanaImporter.KibanaImportException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The importer against a local stand-in for Kibana's saved-objects import endpoint. */
class KibanaImporterTest {

    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final KibanaImporter importer = new KibanaImporter(Duration.ofSeconds(5));
    private HttpServer kibana;
    private volatile int status = 200;
    private volatile String answer = "{\"success\":true,\"successCount\":10,\"successResults\":[]}";

    @BeforeEach
    void start() throws IOException {
        kibana = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kibana.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        kibana.start();
    }

    @AfterEach
    void stop() {
        kibana.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + kibana.getAddress().getPort());
    }

    @Test
    void shouldPostTheNdjsonAsAMultipartFileToTheImportApiWithOverwrite() {
        byte[] ndjson = KibanaImporter.bundled();

        KibanaImporter.Result result = importer.importObjects(url(), new Credentials.None(), ndjson);

        assertThat(result.success()).isTrue();
        assertThat(result.successCount()).isEqualTo(10);
        Received request = received.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/api/saved_objects/_import?overwrite=true");
        assertThat(request.header("kbn-xsrf")).isNotBlank();
        assertThat(request.header("Authorization")).isNull();
        String contentType = request.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        assertThat(request.body())
                .startsWith("--" + boundary + "\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"newsflow.ndjson\"")
                .contains(new String(ndjson, StandardCharsets.UTF_8))
                .endsWith("\r\n--" + boundary + "--\r\n");
    }

    @Test
    void shouldSendBasicCredentialsOrApiKey() {
        importer.importObjects(URI.create(url() + "/s/news"), new Credentials.Basic("elastic", "s3cret"), new byte[0]);
        importer.importObjects(url(), new Credentials.ApiKey("a2V5"), new byte[0]);

        assertThat(received.get(0).pathAndQuery()).isEqualTo("/s/news/api/saved_objects/_import?overwrite=true");
        assertThat(received.get(0).header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(received.get(1).header("Authorization")).isEqualTo("ApiKey a2V5");
        assertThat(new Credentials.Basic("elastic", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldReportObjectsKibanaRefused() {
        answer = "{\"success\":false,\"successCount\":8,\"errors\":[{\"id\":\"newsflow-top-speakers\",\"type\":\"lens\","
                + "\"title\":\"Top speakers\",\"error\":{\"type\":\"missing_references\",\"references\":"
                + "[{\"type\":\"index-pattern\",\"id\":\"newsflow-articles\"}]}}]}";

        KibanaImporter.Result result = importer.importObjects(url(), new Credentials.None(), new byte[0]);

        assertThat(result.success()).isFalse();
        assertThat(result.successCount()).isEqualTo(8);
        assertThat(result.errors()).singleElement().asString()
                .contains("lens newsflow-top-speakers", "missing_references", "missing index-pattern newsflow-articles");
    }

    @Test
    void shouldSayClearlyWhenCredentialsAreRefused() throws IOException {
        status = 401;
        answer = "{\"statusCode\":401,\"error\":\"Unauthorized\"}";
        assertThatThrownBy(() -> importer.importObjects(url(), new Credentials.None(), new byte[0]))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("refused the request (401)");

        status = 200;
        answer = "<html>not kibana</html>";
        assertThatThrownBy(() -> importer.importObjects(url(), new Credentials.None(), new byte[0]))
                .hasMessageContaining("not JSON");

        status = 415;
        answer = "{\"statusCode\":415,\"message\":\"Unsupported Media Type\"}";
        assertThatThrownBy(() -> importer.importObjects(url(), new Credentials.None(), new byte[0]))
                .hasMessageContaining("415").hasMessageContaining("Unsupported Media Type");

        URI closed = url();
        kibana.stop(0);
        assertThatThrownBy(() -> importer.importObjects(closed, new Credentials.None(), new byte[0]))
                .isInstanceOf(KibanaImportException.class)
                .hasMessageContaining("Cannot reach Kibana at " + closed);
        start();
    }
}
