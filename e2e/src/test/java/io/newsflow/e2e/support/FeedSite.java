package io.newsflow.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A news site on loopback (JDK HttpServer): RSS and Atom feeds whose items link to pages it serves. Anything not
 * published answers 404, robots.txt included (which means "crawl everything"). Counts requests per path.
 */
public final class FeedSite implements AutoCloseable {

    /** A feed item: its page's path on this site, a title, a publication time and a summary. */
    public record Item(String path, String title, Instant published, String summary) {}

    private record Resource(String contentType, byte[] body) {}

    private final HttpServer server;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<Request> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile Duration hold = Duration.ZERO;

    /** One request: its path, its User-Agent, when it arrived and when its answer was sent. */
    public record Request(String path, String userAgent, Instant at, Instant answered) {}

    /** Answers every request this long after it arrived, so that two requests at the same time overlap. */
    public FeedSite hold(Duration value) {
        this.hold = value;
        return this;
    }

    private FeedSite(HttpServer server) {
        this.server = server;
    }

    public static FeedSite start() {
        return start(InetAddress.getLoopbackAddress());
    }

    /** A site on another address (127.0.0.2, ...: another host to ingest, on this machine). */
    public static FeedSite start(InetAddress address) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
            FeedSite site = new FeedSite(server);
            server.createContext("/", site::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the feed site", e);
        }
    }

    /** The absolute URL of a path on this site. */
    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + path;
    }

    public FeedSite page(String path, String contentType, byte[] body) {
        resources.put(path, new Resource(contentType, body));
        return this;
    }

    public FeedSite page(String path, String contentType, String body) {
        return page(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An RSS 2.0 feed of these items. */
    public FeedSite rss(String path, String title, List<Item> items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>").append(escape(title)).append("</title><link>").append(url("/")).append("</link>")
                .append("<description>").append(escape(title)).append("</description>");
        for (Item item : items) {
            xml.append("\n<item><title>").append(escape(item.title())).append("</title>")
                    .append("<link>").append(escape(url(item.path()))).append("</link>")
                    .append("<guid isPermaLink=\"true\">").append(escape(url(item.path()))).append("</guid>")
                    .append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            item.published().atOffset(ZoneOffset.UTC))).append("</pubDate>")
                    .append("<description>").append(escape(item.summary())).append("</description></item>");
        }
        xml.append("\n</channel></rss>\n");
        return page(path, "application/rss+xml; charset=utf-8", xml.toString());
    }

    /** An Atom 1.0 feed of these items. */
    public FeedSite atom(String path, String title, List<Item> items) {
        Instant updated = items.stream().map(Item::published).max(Instant::compareTo).orElse(Instant.EPOCH);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>").append(escape(title)).append("</title>")
                .append("<id>").append(escape(url(path))).append("</id><updated>").append(updated).append("</updated>")
                .append("<link rel=\"self\" href=\"").append(escape(url(path))).append("\"/>");
        for (Item item : items) {
            xml.append("\n<entry><title>").append(escape(item.title())).append("</title>")
                    .append("<link href=\"").append(escape(url(item.path()))).append("\"/>")
                    .append("<id>").append(escape(url(item.path()))).append("</id>")
                    .append("<updated>").append(item.published()).append("</updated>")
                    .append("<summary>").append(escape(item.summary())).append("</summary></entry>");
        }
        xml.append("\n</feed>\n");
        return page(path, "application/atom+xml; charset=utf-8", xml.toString());
    }

    /** How many times a path was requested. */
    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** Every request so far, in arrival order. */
    public List<Request> requestLog() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Instant at = Instant.now();
            if (!hold.isZero()) {
                try {
                    Thread.sleep(hold);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            log.add(new Request(path, String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")), at,
                    Instant.now()));
            Resource resource = resources.get(path);
            if (resource == null || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(resource == null ? 404 : 405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", resource.contentType());
            exchange.sendResponseHeaders(200, resource.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(resource.body());
            }
        }
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
