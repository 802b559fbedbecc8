package io.newsflow.sink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Elasticsearch's {@code _bulk} endpoint on a local port, answering each item as the test scripts
 * it (by document id and attempt), or failing whole requests. Unit tests only: the real server is in the ITs.
 */
public final class FakeElasticsearch implements AutoCloseable {

    /** How to answer one item: a status, and an error type and reason when it is not 2xx. */
    public record Reply(int status, String errorType, String reason) {
        public static Reply ok() {
            return new Reply(201, null, null);
        }

        public static Reply error(int status, String type) {
            return new Reply(status, type, type + " for the test");
        }
    }

    /** Scripts the answer for an item from its id and how often it was seen (1 on the first attempt). */
    @FunctionalInterface
    public interface Script {
        Reply reply(String action, String id, int attempt);
    }

    /** One item as it arrived. */
    public record Item(String action, String index, String id, Long version, String versionType, JsonNode document) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<Item> items = new CopyOnWriteArrayList<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestFailuresToGo = new AtomicInteger();
    private volatile int requestFailureStatus = 503;
    private volatile Script script = (action, id, attempt) -> Reply.ok();

    public FakeElasticsearch() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeElasticsearch script(Script value) {
        this.script = value;
        return this;
    }

    /** The next {@code count} bulk requests fail as a whole with {@code status}. */
    public FakeElasticsearch failRequests(int count, int status) {
        requestFailureStatus = status;
        requestFailuresToGo.set(count);
        return this;
    }

    /** Every item received, retries included, in arrival order. */
    public List<Item> items() {
        return List.copyOf(items);
    }

    /** Request lines ({@code POST /_bulk?require_alias=true}) of every bulk request. */
    public List<String> requests() {
        return List.copyOf(requestLines);
    }

    /** How often an item with this id arrived (retries included). */
    public int attemptsFor(String id) {
        AtomicInteger count = attempts.get(id);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/_bulk")) {
                requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                if (requestFailuresToGo.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    respond(exchange, requestFailureStatus, "{\"error\":{\"type\":\"unavailable\",\"reason\":\"test\"},"
                            + "\"status\":" + requestFailureStatus + "}");
                    return;
                }
                respond(exchange, 200, bulk(new String(body, StandardCharsets.UTF_8)));
            } else if (path.equals("/_cluster/health")) {
                respond(exchange, 200, "{\"cluster_name\":\"fake\",\"status\":\"green\",\"timed_out\":false,"
                        + "\"number_of_nodes\":1,\"number_of_data_nodes\":1,\"active_primary_shards\":1,"
                        + "\"active_shards\":1,\"relocating_shards\":0,\"initializing_shards\":0,"
                        + "\"unassigned_shards\":0,\"unassigned_primary_shards\":0,\"delayed_unassigned_shards\":0,"
                        + "\"number_of_pending_tasks\":0,\"number_of_in_flight_fetch\":0,"
                        + "\"task_max_waiting_in_queue_millis\":0,\"active_shards_percent_as_number\":100.0}");
            } else {
                respond(exchange, 404, "{\"error\":{\"type\":\"not_found\",\"reason\":\"" + path + "\"},\"status\":404}");
            }
        }
    }

    private String bulk(String ndjson) throws IOException {
        String[] lines = ndjson.split("\n");
        ArrayNode results = JSON.createArrayNode();
        boolean errors = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode actionLine = JSON.readTree(lines[i]);
            String action = actionLine.fieldNames().next();
            JsonNode meta = actionLine.get(action);
            JsonNode document = null;
            if (!action.equals("delete")) {
                document = JSON.readTree(lines[++i]);
            }
            String id = meta.path("_id").asText();
            items.add(new Item(action, meta.path("_index").asText(), id,
                    meta.has("version") ? meta.get("version").asLong() : null,
                    meta.has("version_type") ? meta.get("version_type").asText() : null, document));
            int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Reply reply = script.reply(action, id, attempt);
            ObjectNode result = JSON.createObjectNode();
            result.put("_index", "articles-000001").put("_id", id).put("status", reply.status());
            if (reply.errorType() != null) {
                errors = true;
                result.putObject("error").put("type", reply.errorType()).put("reason", reply.reason());
            } else {
                result.put("result", action.equals("delete") ? "deleted" : "created").put("_version", 1);
            }
            results.addObject().set(action, result);
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("took", 1).put("errors", errors).set("items", results);
        return response.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Ids of the items in arrival order. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.id()));
        return ids;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
