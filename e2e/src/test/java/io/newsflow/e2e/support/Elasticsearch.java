package io.newsflow.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Elasticsearch as any HTTP client sees it: JSON requests to the search API, JSON answers. The tests read what the
 * sink indexed only through here, never through the sink's Java types.
 */
public final class Elasticsearch {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Elasticsearch(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** {@code POST /<index>/_search} with a JSON body; fails on any status but 200. */
    public JsonNode search(String index, String body) {
        return send("POST", "/" + index + "/_search", body);
    }

    public JsonNode search(String index, JsonNode body) {
        return search(index, body.toString());
    }

    /** Documents in an index or alias; 0 while it does not exist yet or its shard is still being allocated. */
    public long count(String index) {
        HttpResponse<String> response = exchange("GET", "/" + index + "/_count", null);
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return 0;
        }
        return parse(response, "GET /" + index + "/_count").path("count").asLong();
    }

    /** The hits of a search, each the {@code _source} plus {@code _id}. */
    public List<JsonNode> hits(String index, JsonNode body) {
        List<JsonNode> hits = new ArrayList<>();
        for (JsonNode hit : search(index, body).path("hits").path("hits")) {
            ObjectNode source = ((ObjectNode) hit.path("_source").deepCopy());
            source.put("_id", hit.path("_id").asText());
            if (hit.has("inner_hits")) {
                source.set("_inner_hits", hit.get("inner_hits"));
            }
            hits.add(source);
        }
        return hits;
    }

    /**
     * Which of these document ids are searchable in the index (at most 10,000 asked at once); none while the index
     * does not exist yet or its shard is still being allocated.
     */
    public List<String> existingIds(String index, Collection<String> ids) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", ids.size()).put("_source", false);
        body.putObject("query").putObject("ids").set("values", JSON.valueToTree(ids));
        HttpResponse<String> response = exchange("POST", "/" + index + "/_search", body.toString());
        List<String> found = new ArrayList<>();
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return found;
        }
        parse(response, "POST /" + index + "/_search").path("hits").path("hits")
                .forEach(hit -> found.add(hit.path("_id").asText()));
        return found;
    }

    /** {@code PUT} a JSON body to any path; fails on any status but 200. */
    public JsonNode put(String path, String body) {
        return send("PUT", path, body);
    }

    /** {@code GET} any path; fails on any status but 200. */
    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, String body) {
        return parse(exchange(method, path, body), method + " " + path);
    }

    private HttpResponse<String> exchange(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " answered something that is not JSON", e);
        }
    }
}
