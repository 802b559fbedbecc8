package io.newsflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {
    private static final String SUBJECT = "articles.clean-value";
    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "test", "fields": [{"name": "name", "type": "string"}]}""");
    private static final String SCHEMA_JSON = new ObjectMapper().valueToTree(Map.of("schema", SCHEMA.toString())).toString();

    private final FakeRegistryServer server = startServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldRegisterWithBasicAuth() throws IOException {
        server.answer("POST", "/subjects/articles.clean-value/versions", 200, "{\"id\": 7}");
        SchemaRegistryClient client = open(server.url(), "newsflow:s3cret");

        assertThat(client.register(SUBJECT, SCHEMA)).isEqualTo(7);

        FakeRegistryServer.Request request = server.requests().getFirst();
        assertThat(request.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("newsflow:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(new Schema.Parser().parse(new ObjectMapper().readTree(request.body()).get("schema").asText()))
                .isEqualTo(SCHEMA);
    }

    @Test
    void shouldSendNoAuthorizationWithoutUserInfo() {
        server.answer("GET", "/schemas/ids/3", 200, SCHEMA_JSON);

        open(server.url(), null).schemaById(3);

        assertThat(server.requests().getFirst().authorization()).isNull();
    }

    @Test
    void shouldCacheSchemasById() {
        server.answer("GET", "/schemas/ids/3", 200, SCHEMA_JSON);
        SchemaRegistryClient client = open(server.url(), null);

        assertThat(client.schemaById(3)).isEqualTo(SCHEMA);
        assertThat(client.schemaById(3)).isEqualTo(SCHEMA);

        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldCacheRegisteredSchemaBothWays() {
        server.answer("POST", "/subjects/articles.clean-value/versions", 200, "{\"id\": 7}");
        SchemaRegistryClient client = open(server.url(), null);

        int id = client.register(SUBJECT, SCHEMA);
        client.register(SUBJECT, SCHEMA);

        assertThat(client.schemaById(id)).isEqualTo(SCHEMA);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldReadVersionsAndCacheOnlyNumberedOnes() {
        String answer = "{\"subject\": \"articles.clean-value\", \"version\": 2, \"id\": 9, \"schema\": "
                + new ObjectMapper().valueToTree(SCHEMA.toString()) + "}";
        server.answer("GET", "/subjects/articles.clean-value/versions/2", 200, answer)
                .answer("GET", "/subjects/articles.clean-value/versions/latest", 200, answer);
        SchemaRegistryClient client = open(server.url(), null);

        RegisteredSchema expected = new RegisteredSchema(SUBJECT, 9, 2, SCHEMA);
        assertThat(client.version(SUBJECT, 2)).isEqualTo(expected);
        assertThat(client.version(SUBJECT, 2)).isEqualTo(expected);
        assertThat(client.latestVersion(SUBJECT)).isEqualTo(expected);
        assertThat(client.latestVersion(SUBJECT)).isEqualTo(expected);

        assertThat(server.requests()).extracting(FakeRegistryServer.Request::path).containsExactly(
                "/subjects/articles.clean-value/versions/2",
                "/subjects/articles.clean-value/versions/latest",
                "/subjects/articles.clean-value/versions/latest");
        assertThat(client.schemaById(9)).isEqualTo(SCHEMA);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void shouldLookUpTheIdOfARegisteredSchema() {
        server.answer("POST", "/subjects/articles.clean-value", 200, "{\"subject\": \"articles.clean-value\","
                + " \"version\": 1, \"id\": 4, \"schema\": " + new ObjectMapper().valueToTree(SCHEMA.toString()) + "}");

        RegisteredSchema found = open(server.url(), null).lookup(SUBJECT, SCHEMA);

        assertThat(found).isEqualTo(new RegisteredSchema(SUBJECT, 4, 1, SCHEMA));
    }

    @Test
    void shouldNameUrlSubjectAndRegistryErrorOnFailure() {
        server.answer("POST", "/subjects/articles.clean-value", 404,
                "{\"error_code\": 40401, \"message\": \"Subject 'articles.clean-value' not found.\"}");
        SchemaRegistryClient client = open(server.url(), null);

        assertThatThrownBy(() -> client.lookup(SUBJECT, SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.registryUrl()).isEqualTo(server.url());
                    assertThat(e.subject()).isEqualTo(SUBJECT);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("Schema registry " + server.url() + " could not look up a"
                            + " schema in subject 'articles.clean-value': HTTP 404, error_code 40401: Subject"
                            + " 'articles.clean-value' not found.");
                });
    }

    @Test
    void shouldQuoteTheStartOfANonJsonErrorAnswer() {
        server.answer("GET", "/schemas/ids/1", 502, "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> open(server.url(), null).schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining(server.url())
                .hasMessageContaining("schema id 1")
                .hasMessageContaining("HTTP 502: <html><body>Bad Gateway");
    }

    @Test
    void shouldTimeOutASilentRegistry() {
        server.hang("POST", "/subjects/articles.clean-value/versions");
        SchemaRegistryClient client = SchemaRegistryClients.open(
                new RegistryClientSettings(server.url(), null, Duration.ofSeconds(2), Duration.ofMillis(300)));

        assertThatThrownBy(() -> client.register(SUBJECT, SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_ANSWER);
                    assertThat(e.getMessage()).contains(server.url(), "'articles.clean-value'", "PT0.3S",
                            "request timeout");
                });
    }

    @Test
    void shouldNameTheUrlOfARegistryThatRefusesConnections() throws IOException {
        String deadUrl;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }

        assertThatThrownBy(() -> open(deadUrl, null).register(SUBJECT, SCHEMA))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("Schema registry " + deadUrl + " could not register a schema under subject"
                        + " 'articles.clean-value': could not reach it");
    }

    @Test
    void shouldReportIncompatibilityWithTheRegistrysReasons() {
        server.answer("POST", "/compatibility/subjects/articles.clean-value/versions/latest?verbose=true", 200,
                "{\"is_compatible\": false, \"messages\": [\"READER_FIELD_MISSING_DEFAULT_VALUE age\"]}");

        CompatibilityResult result = open(server.url(), null).testCompatibility(SUBJECT, SCHEMA);

        assertThat(result.compatible()).isFalse();
        assertThat(result.messages()).containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE age");
    }

    @Test
    void shouldTreatAnUnknownSubjectAsCompatible() {
        server.answer("POST", "/compatibility/subjects/articles.clean-value/versions/latest?verbose=true", 404,
                "{\"error_code\": 40401, \"message\": \"Subject not found\"}");

        assertThat(open(server.url(), null).testCompatibility(SUBJECT, SCHEMA).compatible()).isTrue();
    }

    @Test
    void shouldReadTheGlobalLevelWhenTheSubjectHasNone() {
        server.answer("GET", "/config", 200, "{\"compatibilityLevel\": \"FULL\"}");

        assertThat(open(server.url(), null).compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(server.requests()).extracting(FakeRegistryServer.Request::path)
                .containsExactly("/config/articles.clean-value?defaultToGlobal=true", "/config");
    }

    @Test
    void shouldSetTheSubjectsLevel() {
        server.answer("PUT", "/config/articles.clean-value", 200, "{\"compatibility\": \"BACKWARD_TRANSITIVE\"}")
                .answer("GET", "/config/articles.clean-value?defaultToGlobal=true", 200,
                        "{\"compatibilityLevel\": \"BACKWARD_TRANSITIVE\"}");
        SchemaRegistryClient client = open(server.url() + "/", null);

        client.setCompatibility(SUBJECT, CompatibilityLevel.BACKWARD_TRANSITIVE);

        assertThat(server.requests().getFirst().body()).isEqualTo("{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(client.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
    }

    @Test
    void shouldEncodeSubjectsInThePath() {
        server.answer("POST", "/subjects/odd%20subject%2Fvalue/versions", 200, "{\"id\": 1}");

        assertThat(open(server.url(), null).register("odd subject/value", SCHEMA)).isEqualTo(1);
    }

    private static SchemaRegistryClient open(String url, String userInfo) {
        return SchemaRegistryClients.open(new RegistryClientSettings(url, userInfo,
                RegistryClientSettings.DEFAULT_CONNECT_TIMEOUT, RegistryClientSettings.DEFAULT_REQUEST_TIMEOUT));
    }

    private static FakeRegistryServer startServer() {
        try {
            return new FakeRegistryServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake registry", e);
        }
    }
}
