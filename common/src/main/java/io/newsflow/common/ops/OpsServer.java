package io.newsflow.common.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /health} (JSON; 200 when every check is UP or DEGRADED, 503 when one is DOWN) and
 * {@code GET /metrics} (Prometheus text format) for one service, and any {@link OpsLookup} a service adds.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

    private OpsServer(HttpServer server, PrometheusMeterRegistry registry) {
        this.server = server;
        this.registry = registry;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/health", this::health);
        server.createContext("/metrics", this::metrics);
    }

    /** Starts serving on host:port (port 0 picks a free one). */
    public static OpsServer start(String host, int port, PrometheusMeterRegistry registry) {
        try {
            OpsServer ops = new OpsServer(HttpServer.create(new InetSocketAddress(host, port), 16), registry);
            ops.server.start();
            log.info("health and metrics on http://{}:{}/health and /metrics", host, ops.port());
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve health and metrics on " + host + ":" + port, e);
        }
    }

    public OpsServer register(String name, HealthCheck check) {
        checks.put(name, check);
        return this;
    }

    /** Serves {@code GET /<path>/<name>} from {@code lookup} (see {@link OpsLookup}). */
    public OpsServer lookup(String path, OpsLookup lookup) {
        String prefix = "/" + path;
        server.createContext(prefix, exchange -> {
            String rest = exchange.getRequestURI().getRawPath().substring(prefix.length());
            String name = URLDecoder.decode(rest.startsWith("/") ? rest.substring(1) : rest,
                    StandardCharsets.UTF_8);
            try {
                var found = lookup.find(name);
                if (found.isPresent()) {
                    respond(exchange, 200, "application/json", JSON.writeValueAsBytes(found.get()));
                } else {
                    respond(exchange, 404, "application/json", JSON.writeValueAsBytes(
                            Map.of("error", "nothing known as '" + name + "' under " + prefix + " on this instance")));
                }
            } catch (IllegalStateException e) {
                respond(exchange, 503, "application/json", JSON.writeValueAsBytes(Map.of("error",
                        String.valueOf(e.getMessage()))));
            }
        });
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The combined status: the worst of all checks, UP when there are none. */
    public Health.Status status() {
        return evaluate().status();
    }

    private Evaluation evaluate() {
        ObjectNode details = JSON.createObjectNode();
        Health.Status worst = Health.Status.UP;
        for (Map.Entry<String, HealthCheck> entry : checks.entrySet()) {
            Health health;
            try {
                health = entry.getValue().check();
            } catch (RuntimeException e) {
                health = Health.down("check failed: " + e.getClass().getSimpleName());
            }
            if (health.status().compareTo(worst) > 0) {
                worst = health.status();
            }
            details.putObject(entry.getKey()).put("status", health.status().name()).put("detail", health.detail());
        }
        return new Evaluation(worst, details);
    }

    private void health(HttpExchange exchange) throws IOException {
        Evaluation evaluation = evaluate();
        ObjectNode body = JSON.createObjectNode().put("status", evaluation.status().name());
        body.set("checks", evaluation.details());
        int code = evaluation.status() == Health.Status.DOWN ? 503 : 200;
        respond(exchange, code, "application/json", JSON.writeValueAsBytes(body));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private record Evaluation(Health.Status status, ObjectNode details) {}
}
