package io.newsflow.app.up;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.schemas.Hashes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo feeds and pages of {@code newsflow up}, served on loopback from a samples folder ({@code config/samples}:
 * {@code feeds/*.xml|atom}, {@code pages/*.html}) so the pipeline has something to ingest with no network.
 *
 * <p>Files refer to each other, and the demo config to them, with {@value #SCHEME} URLs ({@code demo://pages/a.html});
 * text files are served with that prefix replaced by this server's address, so the port can be any free one.
 * Feeds carry an ETag, so ingest's conditional GETs are answered 304 as a real site would.
 */
public final class DemoServer implements AutoCloseable {

    public static final String SCHEME = "demo://";
    /** The port tried first, so that the URLs in the docs usually hold; another free port when it is taken. */
    public static final int DEFAULT_PORT = 8470;
    private static final String ROBOTS = "User-agent: *\nAllow: /\n";
    private static final Map<String, String> TYPES = Map.of(
            "xml", "application/rss+xml; charset=utf-8",
            "rss", "application/rss+xml; charset=utf-8",
            "atom", "application/atom+xml; charset=utf-8",
            "rdf", "application/rdf+xml; charset=utf-8",
            "json", "application/feed+json; charset=utf-8",
            "opml", "text/x-opml; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path root;
    private final String baseUrl;
    private final AtomicLong requests = new AtomicLong();

    private DemoServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    /**
     * Serves {@code samples} on 127.0.0.1:{@code port}; when that port is taken and {@code fallBack} is set, on a free
     * one instead (0 always means a free one).
     */
    public static DemoServer start(Path samples, int port, boolean fallBack) {
        Path root = samples.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the demo samples folder " + root + " does not exist");
        }
        DemoServer demo;
        try {
            demo = new DemoServer(bind(port), root);
        } catch (BindException e) {
            if (!fallBack || port == 0) {
                throw new UncheckedIOException("the demo feeds' port " + port + " is taken", e);
            }
            try {
                demo = new DemoServer(bind(0), root);
            } catch (IOException again) {
                throw new UncheckedIOException("cannot serve the demo feeds on loopback", again);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the demo feeds on 127.0.0.1:" + port, e);
        }
        demo.server.start();
        return demo;
    }

    private static HttpServer bind(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The real URL of a {@value #SCHEME} URL (anything else unchanged). */
    public URI url(String demoUrl) {
        return URI.create(resolve(demoUrl));
    }

    /** {@code text} with every {@value #SCHEME} prefix replaced by this server's address. */
    public String resolve(String text) {
        return resolve(text, baseUrl);
    }

    public static String resolve(String text, String baseUrl) {
        return text.replace(SCHEME, baseUrl);
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/robots.txt")) {
                send(exchange, 200, TYPES.get("txt"), ROBOTS.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file) || Files.isHidden(file)) {
                send(exchange, 404, "text/plain; charset=utf-8", ("not found: " + path + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = TYPES.getOrDefault(extension(file), "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            if (type.contains("charset")) {
                body = resolve(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            String etag = "\"" + digest(body) + "\"";
            exchange.getResponseHeaders().set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            send(exchange, 200, type, body);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String digest(byte[] body) {
        return Hashes.sha256Hex(body).substring(0, 16);
    }
}
