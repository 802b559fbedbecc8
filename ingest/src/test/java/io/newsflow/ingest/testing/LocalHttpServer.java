package io.newsflow.ingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okio.Buffer;

/**
 * A MockWebServer on 127.0.0.1 that answers by path (the longest registered prefix, like the JDK server's contexts),
 * counts hits per path and keeps the headers of every request. Byte-level misbehaviour is {@link RawServer}'s.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** What one request looked like on arrival; {@code connection} numbers the connections the server accepted. */
    public record Seen(String path, Headers headers, long arrivedNanos, int connection) {
    }

    /** The answer to one request. */
    @FunctionalInterface
    public interface Route {
        MockResponse answer(RecordedRequest request) throws Exception;
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public LocalHttpServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                seen.add(new Seen(request.getTarget(), request.getHeaders(), System.nanoTime(),
                        request.getConnectionIndex()));
                hits.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
                Route route = routes.keySet().stream().filter(path::startsWith)
                        .max(Comparator.comparingInt(String::length)).map(routes::get).orElse(null);
                try {
                    return route == null ? respond(404, null, new byte[0]) : route.answer(request);
                } catch (Exception e) {
                    throw new IllegalStateException("route for " + path + " failed", e);
                }
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalHttpServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** Serves {@code body} with status 200 and the given content type. */
    public LocalHttpServer text(String path, String contentType, String body) {
        return route(path, request -> respond(200, contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A response with the given status, Content-Type (unless null) and body. */
    public static MockResponse respond(int status, String contentType, byte[] body) {
        MockResponse.Builder response = new MockResponse.Builder().code(status).body(new Buffer().write(body));
        return (contentType == null ? response : response.setHeader("Content-Type", contentType)).build();
    }

    /** A 200 whose body is already encoded with {@code contentEncoding} (gzip, deflate), as a server sends it. */
    public static MockResponse encoded(String contentEncoding, String contentType, byte[] body) {
        return new MockResponse.Builder(respond(200, contentType, body)).setHeader("Content-Encoding", contentEncoding)
                .build();
    }

    public static Route redirect(int status, String location) {
        return request -> new MockResponse.Builder().code(status).setHeader("Location", location).build();
    }

    public int port() {
        return server.getPort();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.close();
    }
}
