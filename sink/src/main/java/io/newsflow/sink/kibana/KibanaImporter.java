package io.newsflow.sink.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads saved objects (NDJSON) into Kibana through its saved-objects import API
 * ({@code POST /api/saved_objects/_import?overwrite=true}, multipart, with the {@code kbn-xsrf} header).
 * Overwriting makes it idempotent: importing twice leaves the same objects.
 */
public final class KibanaImporter {

    /** The dashboard and data view shipped in {@code kibana/newsflow.ndjson}. */
    public static final String BUNDLED = "newsflow.ndjson";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public KibanaImporter(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /** How to log in to Kibana: nothing, a username and password, or an encoded API key. */
    public sealed interface Credentials {
        record None() implements Credentials {}

        record Basic(String username, String password) implements Credentials {
            @Override
            public String toString() {
                return "Basic[" + username + ", ***]";
            }
        }

        record ApiKey(String encoded) implements Credentials {
            @Override
            public String toString() {
                return "ApiKey[***]";
            }
        }

        default Optional<String> header() {
            return switch (this) {
                case None none -> Optional.empty();
                case Basic basic -> Optional.of("Basic " + Base64.getEncoder().encodeToString(
                        (basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8)));
                case ApiKey key -> Optional.of("ApiKey " + key.encoded());
            };
        }
    }

    /** What Kibana said: how many objects it imported, and what it refused. */
    public record Result(int successCount, List<String> errors) {
        public boolean success() {
            return errors.isEmpty();
        }
    }

    /** The NDJSON bundled with the sink. */
    public static byte[] bundled() {
        try (InputStream in = KibanaImporter.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled Kibana objects " + BUNDLED + " are missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Imports the objects.
     *
     * @param kibana Kibana's base URL ({@code http://localhost:5601}), with the space path if any
     * @throws KibanaImportException when Kibana cannot be reached or refuses the request as a whole
     */
    public Result importObjects(URI kibana, Credentials credentials, byte[] ndjson) {
        String boundary = "newsflow-" + UUID.randomUUID();
        URI endpoint = kibana.resolve(stripTrailingSlash(kibana.getPath()) + "/api/saved_objects/_import?overwrite=true");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("kbn-xsrf", "newsflow")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, ndjson)));
        credentials.header().ifPresent(value -> request.header("Authorization", value));

        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new KibanaImportException("Cannot reach Kibana at " + kibana + " (connection refused). Is it running?", e);
        } catch (HttpTimeoutException e) {
            throw new KibanaImportException("Kibana at " + kibana + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new KibanaImportException("Cannot reach Kibana at " + kibana + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KibanaImportException("Interrupted while importing into Kibana", e);
        }
        return interpret(kibana, response.statusCode(), response.body());
    }

    private static Result interpret(URI kibana, int status, String body) {
        if (status == 401 || status == 403) {
            throw new KibanaImportException("Kibana at " + kibana + " refused the request (" + status
                    + "): check --user/--password or --api-key and the role's saved-object privileges");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new KibanaImportException("Kibana at " + kibana + " answered " + status + " with something that is not"
                    + " JSON; is this URL Kibana? " + abbreviate(body));
        }
        if (status != 200) {
            throw new KibanaImportException("Kibana at " + kibana + " answered " + status + ": "
                    + json.path("message").asText(abbreviate(body)));
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode error : json.path("errors")) {
            errors.add(error.path("type").asText() + " " + error.path("id").asText() + " ("
                    + error.path("title").asText("untitled") + "): " + error.path("error").path("type").asText()
                    + describeError(error.path("error")));
        }
        if (!json.path("success").asBoolean(false) && errors.isEmpty()) {
            errors.add("Kibana reported no success and no error detail: " + abbreviate(body));
        }
        return new Result(json.path("successCount").asInt(0), List.copyOf(errors));
    }

    private static String describeError(JsonNode error) {
        List<String> parts = new ArrayList<>();
        for (JsonNode reference : error.path("references")) {
            parts.add("missing " + reference.path("type").asText() + " " + reference.path("id").asText());
        }
        if (error.hasNonNull("message")) {
            parts.add(error.get("message").asText());
        }
        return parts.isEmpty() ? "" : " - " + String.join("; ", parts);
    }

    private static byte[] multipart(String boundary, byte[] ndjson) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"newsflow.ndjson\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(ndjson);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static String stripTrailingSlash(String path) {
        return path == null ? "" : path.replaceAll("/+$", "");
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** Kibana could not be reached or refused the import as a whole. */
    public static final class KibanaImportException extends RuntimeException {
        KibanaImportException(String message) {
            super(message);
        }

        KibanaImportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
