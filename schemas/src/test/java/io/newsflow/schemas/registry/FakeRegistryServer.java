package io.newsflow.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A scripted stand-in for a registry's REST API on a loopback port, recording every request it gets. */
final class FakeRegistryServer implements AutoCloseable {
    static final String BASE_PATH = "/apis/ccompat/v7";

    record Request(String method, String path, String authorization, String contentType, String body) {}

    private record Answer(int status, String body, boolean hang) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    FakeRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    /** Answers {@code method path} (path below the base path, with its query) with this status and JSON body. */
    FakeRegistryServer answer(String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json, false));
        return this;
    }

    /** Never answers {@code method path}, until the server closes. */
    FakeRegistryServer hang(String method, String path) {
        answers.put(method + " " + path, new Answer(0, "", true));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring(BASE_PATH.length());
        String query = exchange.getRequestURI().getRawQuery();
        String key = exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query);
        requests.add(new Request(exchange.getRequestMethod(), key.substring(key.indexOf(' ') + 1),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = answers.getOrDefault(key, new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}", false));
        if (answer.hang()) {
            awaitClose();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status() == 0 ? 500 : answer.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
