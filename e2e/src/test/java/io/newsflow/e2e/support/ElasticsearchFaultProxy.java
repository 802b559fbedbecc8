package io.newsflow.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP proxy in front of Elasticsearch that the sink is pointed at, switchable while it runs:
 * {@link Mode#PASS_THROUGH} forwards every request and answer unchanged; {@link Mode#REJECT_BULK_ITEMS} answers a
 * {@code _bulk} request itself, without forwarding it, with every item rejected as an overloaded node rejects it
 * (status 429, {@code es_rejected_execution_exception}), while every other request still goes through. When
 * Elasticsearch cannot be reached the proxy closes the connection without an answer, as a dead node does.
 */
public final class ElasticsearchFaultProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchFaultProxy.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK client sets itself (or refuses), and hop-by-hop headers a proxy does not pass on. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");
    private static final Set<String> BULK_ACTIONS = Set.of("index", "create", "update", "delete");

    public enum Mode { PASS_THROUGH, REJECT_BULK_ITEMS }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8,
            Thread.ofPlatform().name("es-fault-proxy-", 1).daemon().factory());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(workers).build();
    private final AtomicLong rejectedItems = new AtomicLong();
    private volatile Mode mode = Mode.PASS_THROUGH;

    private ElasticsearchFaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
    }

    /** Starts a proxy on a free loopback port in front of the Elasticsearch at {@code elasticsearchUrl}. */
    public static ElasticsearchFaultProxy start(String elasticsearchUrl) {
        try {
            ElasticsearchFaultProxy proxy = new ElasticsearchFaultProxy(URI.create(elasticsearchUrl));
            proxy.server.start();
            log.info("Elasticsearch fault proxy on {} in front of {}", proxy.url(), elasticsearchUrl);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Elasticsearch fault proxy", e);
        }
    }

    /** The URL to give the sink instead of Elasticsearch's. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void mode(Mode mode) {
        log.info("Elasticsearch fault proxy: {} -> {}", this.mode, mode);
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    /** Bulk items answered 429 so far. */
    public long rejectedItems() {
        return rejectedItems.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (mode == Mode.REJECT_BULK_ITEMS && "POST".equals(exchange.getRequestMethod())
                    && (path.equals("/_bulk") || path.endsWith("/_bulk"))) {
                rejectBulk(exchange, body);
            } else {
                forward(exchange, body);
            }
        } catch (RuntimeException e) {
            log.warn("Elasticsearch fault proxy failed on {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Elasticsearch is down: close the connection without an answer, as the node itself would.
            log.debug("Elasticsearch fault proxy: {} {} not forwarded: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, List.copyOf(values));
            }
        });
        send(exchange, response.statusCode(), response.body(), "HEAD".equals(exchange.getRequestMethod()));
    }

    /** Answers a bulk request as a node whose write queue is full: 200, every item 429. */
    private void rejectBulk(HttpExchange exchange, byte[] body) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("took", 0).put("errors", true);
        ArrayNode items = answer.putArray("items");
        String defaultIndex = defaultIndex(exchange.getRequestURI().getRawPath());
        for (JsonNode action : actions(exchange, body)) {
            String op = action.fieldNames().next();
            JsonNode meta = action.path(op);
            ObjectNode result = items.addObject().putObject(op);
            result.put("_index", meta.path("_index").asText(defaultIndex));
            if (meta.has("_id")) {
                result.put("_id", meta.path("_id").asText());
            }
            result.put("status", 429);
            ObjectNode error = result.putObject("error");
            error.put("type", "es_rejected_execution_exception");
            error.put("reason", "rejected execution of coordinating operation [fault proxy: every bulk item is"
                    + " rejected while the fault lasts]");
        }
        rejectedItems.addAndGet(items.size());
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.getResponseHeaders().put("X-Elastic-Product", List.of("Elasticsearch"));
        send(exchange, 200, JSON.writeValueAsBytes(answer), false);
    }

    /** The action lines of an NDJSON bulk body: every line naming an action; the source line after it is skipped. */
    private static List<JsonNode> actions(HttpExchange exchange, byte[] body) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = new ByteArrayInputStream(body);
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            in = new GZIPInputStream(in);
        }
        List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();
        List<JsonNode> actions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            if (line.isObject() && line.size() == 1 && BULK_ACTIONS.contains(line.fieldNames().next())) {
                actions.add(line);
                if (!"delete".equals(line.fieldNames().next())) {
                    i++; // its source (or update body)
                }
            }
        }
        return actions;
    }

    private static String defaultIndex(String path) {
        String[] parts = path.split("/");
        return parts.length == 3 && !parts[1].isEmpty() ? parts[1] : "";
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean head) throws IOException {
        boolean empty = head || status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public String toString() {
        return "ElasticsearchFaultProxy" + Map.of("url", url(), "target", target, "mode", mode);
    }
}
