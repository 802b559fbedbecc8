package io.newsflow.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API over the JDK HTTP client, without caching (see
 * {@link CachingSchemaRegistryClient}). Works against Confluent's registry and Apicurio's {@code /apis/ccompat/v7}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final int MAX_DETAIL_LENGTH = 300;

    private final RegistryClientSettings settings;
    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public HttpSchemaRegistryClient(RegistryClientSettings settings) {
        this.settings = settings;
        this.baseUrl = settings.url().replaceAll("/+$", "");
        this.authorization = settings.basicAuthUserInfo() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(settings.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
        // Registries speak HTTP/1.1; no h2c upgrade round trip.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public String url() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        JsonNode answer = call(RegistryActions.register(subject), subject,
                "POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        return answer.path("id").asInt();
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode answer = call(RegistryActions.fetchId(id), null, "GET", "/schemas/ids/" + id, null);
        return parse(answer.path("schema").asText());
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return fetchVersion(subject, Integer.toString(version));
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return fetchVersion(subject, "latest");
    }

    private RegisteredSchema fetchVersion(String subject, String version) {
        JsonNode answer = call(RegistryActions.fetchVersion(subject, version), subject,
                "GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
        return registered(subject, answer);
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode answer = call(RegistryActions.lookup(subject), subject,
                "POST", "/subjects/" + encode(subject), schemaBody(schema));
        return registered(subject, answer);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode answer;
        try {
            answer = call(RegistryActions.checkCompatibility(subject), subject,
                    "POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
        } catch (SchemaRegistryException e) {
            // A subject with no versions yet accepts any schema.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return CompatibilityResult.ok();
            }
            throw e;
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        String action = RegistryActions.readLevel(subject);
        JsonNode answer;
        try {
            answer = call(action, subject, "GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null);
        } catch (SchemaRegistryException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            answer = call(action, subject, "GET", "/config", null);
        }
        return CompatibilityLevel.valueOf(answer.path("compatibilityLevel").asText());
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call(RegistryActions.setLevel(subject, level), subject,
                "PUT", "/config/" + encode(subject), Map.of("compatibility", level.name()));
    }

    @Override
    public void close() {
        http.close();
    }

    private RegisteredSchema registered(String subject, JsonNode answer) {
        return new RegisteredSchema(subject, answer.path("id").asInt(), answer.path("version").asInt(),
                parse(answer.path("schema").asText()));
    }

    private static Map<String, String> schemaBody(Schema schema) {
        return Map.of("schema", schema.toString());
    }

    private static Schema parse(String schemaJson) {
        return new Schema.Parser().parse(schemaJson);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String action, String subject, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        }
        HttpResponse<String> response = send(request.build(), action, subject);
        if (response.statusCode() / 100 != 2) {
            throw failure(action, subject, response);
        }
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(baseUrl, action, subject, response.statusCode(),
                    SchemaRegistryException.NO_ANSWER, "the answer is not JSON: " + shorten(response.body()), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, String action, String subject) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            // The JDK reports either timeout this way when it fires while the connection is being set up.
            throw unreachable(action, subject, "could not connect in time (connect timeout "
                    + settings.connectTimeout() + ", request timeout " + settings.requestTimeout() + ")", e);
        } catch (HttpTimeoutException e) {
            throw unreachable(action, subject, "no answer within " + settings.requestTimeout()
                    + " (request timeout)", e);
        } catch (IOException e) {
            throw unreachable(action, subject, "could not reach it (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(action, subject, "interrupted while waiting for the answer", e);
        }
    }

    private SchemaRegistryException unreachable(String action, String subject, String detail, Exception cause) {
        return new SchemaRegistryException(baseUrl, action, subject, SchemaRegistryException.NO_ANSWER,
                SchemaRegistryException.NO_ANSWER, detail, cause);
    }

    private SchemaRegistryException failure(String action, String subject, HttpResponse<String> response) {
        int errorCode = SchemaRegistryException.NO_ANSWER;
        String detail = shorten(response.body());
        try {
            JsonNode error = json.readTree(response.body());
            if (error != null && error.has("error_code")) {
                errorCode = error.path("error_code").asInt();
                detail = shorten(error.path("message").asText());
            }
        } catch (JsonProcessingException notJson) {
            // Proxies answer with HTML; keep the start of the body as the detail.
        }
        return new SchemaRegistryException(baseUrl, action, subject, response.statusCode(), errorCode, detail, null);
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a registry request as JSON", e);
        }
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_DETAIL_LENGTH ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH) + "…";
    }
}
