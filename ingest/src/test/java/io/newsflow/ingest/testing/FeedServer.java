package io.newsflow.ingest.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A local web server (MockWebServer) whose documents (feeds, pages) a test sets and edits by path. */
public final class FeedServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final Map<String, String[]> documents = new ConcurrentHashMap<>();

    public FeedServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String[] document = documents.get(request.getUrl().encodedPath());
                if (document == null) {
                    return new MockResponse.Builder().code(404).build();
                }
                return LocalHttpServer.respond(200, document[0], document[1].getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    public void put(String path, String contentType, String body) {
        documents.put(path, new String[] {contentType, body});
    }

    /** An RSS 2.0 feed whose items link to {@code /<name>/<n>.html}; {@code version} goes into each item's date. */
    public void rss(String name, int items, int version) {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>" + name + "</title><link>" + url("/") + "</link><description>test</description>");
        for (int i = 1; i <= items; i++) {
            rss.append("<item><title>").append(name).append(' ').append(i).append("</title><link>")
                    .append(url("/" + name + "/" + i + ".html")).append("</link><guid>").append(name).append('-').append(i)
                    .append("</guid><pubDate>Sat, 28 Nov 2026 0").append(version).append(":00:00 GMT</pubDate>")
                    .append("<description>Summary ").append(i).append("</description></item>");
        }
        put("/" + name + ".xml", "application/rss+xml; charset=utf-8", rss.append("</channel></rss>").toString());
    }

    public void page(String name, int n, String text) {
        put("/" + name + "/" + n + ".html", "text/html; charset=utf-8",
                "<html><head><title>" + name + " " + n + "</title></head><body><p>" + text + "</p></body></html>");
    }

    @Override
    public void close() {
        server.close();
    }
}
