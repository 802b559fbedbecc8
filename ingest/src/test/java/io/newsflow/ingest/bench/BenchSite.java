package io.newsflow.ingest.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * Local web servers for the benchmark, one per loopback address (127.0.0.2, 127.0.0.3, ...) so that per-host
 * limits see many hosts. Serves clean feeds and their pages, and hostile feeds: {@code stall} (headers, then
 * silence), {@code bomb} (a small gzip body that inflates to 256 MB) and {@code huge} (an endless body).
 */
final class BenchSite implements AutoCloseable {
    private final List<HttpServer> servers = new ArrayList<>();
    private final int itemsPerFeed;
    private final Duration stall;
    private final byte[] bomb;

    BenchSite(int hosts, int itemsPerFeed, Duration stall) throws IOException {
        this.itemsPerFeed = itemsPerFeed;
        this.stall = stall;
        this.bomb = gzipOfZeros(256L << 20); // 16 times the largest body allowed
        for (int i = 0; i < hosts; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0." + (2 + i), 0), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
            servers.add(server);
        }
    }

    /** The URL of feed {@code n} of the given kind (clean, stall, bomb, huge), spread over the hosts. */
    String feedUrl(String kind, int n) {
        HttpServer server = servers.get(n % servers.size());
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/" + kind + "/" + n + ".xml";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.startsWith("/clean/")) {
                feed(exchange, path);
            } else if (path.startsWith("/page/")) {
                send(exchange, 200, "text/html; charset=utf-8", page(path).getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/stall/")) {
                exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("<rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                sleep(stall);
            } else if (path.startsWith("/bomb/")) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                send(exchange, 200, "application/rss+xml", bomb);
            } else if (path.startsWith("/huge/")) {
                exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 * 1024];
                OutputStream body = exchange.getResponseBody();
                for (int i = 0; i < 16 * 1024; i++) { // up to 1 GB, or until the client hangs up
                    body.write(chunk);
                }
            } else {
                send(exchange, 404, "text/plain", new byte[0]);
            }
        } catch (IOException clientHungUp) {
            // A fetcher that cuts a hostile response off closes the connection: that is the point.
        }
    }

    private void feed(HttpExchange exchange, String path) throws IOException {
        String feed = path.substring("/clean/".length(), path.length() - ".xml".length());
        String etag = "\"" + feed + "-v1\"";
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        String base = "http://" + exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Feed " + feed + "</title><link>" + base + "/</link><description>bench</description>");
        for (int i = 0; i < itemsPerFeed; i++) {
            rss.append("<item><title>Article ").append(feed).append('/').append(i).append("</title><link>")
                    .append(base).append("/page/").append(feed).append('/').append(i).append(".html</link><guid>")
                    .append(feed).append('/').append(i).append("</guid><description>Summary ").append(i)
                    .append("</description></item>");
        }
        rss.append("</channel></rss>");
        exchange.getResponseHeaders().set("ETag", etag);
        send(exchange, 200, "application/rss+xml; charset=utf-8", rss.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String page(String path) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>").append(path)
                .append("</title></head><body><article><h1>").append(path).append("</h1>");
        for (int i = 0; i < 40; i++) {
            html.append("<p>Paragraph ").append(i).append(" of a benchmark article, long enough to look like news. ")
                    .append("The minister said the talks would continue next week.</p>");
        }
        return html.append("</article></body></html>").toString();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] gzipOfZeros(long bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration); // the hostile server's stall, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
    }
}
