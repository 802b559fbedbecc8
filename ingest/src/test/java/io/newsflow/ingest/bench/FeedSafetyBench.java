package io.newsflow.ingest.bench;

import io.newsflow.stack.junit.SharedFolder;
import com.sun.management.ThreadMXBean;
import io.newsflow.ingest.feed.FeedParser;
import io.newsflow.ingest.feed.FeedRejected;
import io.newsflow.ingest.http.FetchFailure;
import io.newsflow.ingest.http.FetchRequest;
import io.newsflow.ingest.http.FetchResult;
import io.newsflow.ingest.http.FetchSettings;
import io.newsflow.ingest.http.SafeFetcher;
import io.newsflow.ingest.testing.LocalHttpServer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Measures how fast and how cheaply hostile input is refused, and how fast ordinary feeds parse.
 * "Allocated" is what the measuring thread allocated per operation (com.sun.management.ThreadMXBean), which shows
 * that refusals stay flat where an expanding parser would allocate gigabytes.
 *
 * <p>Run: {@code ./mvnw -B -q -pl ingest exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.newsflow.ingest.bench.FeedSafetyBench}
 */
public final class FeedSafetyBench {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FeedSafetyBench() {
    }

    public static void main(String[] args) throws Exception {
        FeedParser parser = new FeedParser();
        Path feeds = SharedFolder.fixtures("feeds");
        System.out.println("| input | outcome | mean time | allocated per run | input size |");
        System.out.println("|---|---|---|---|---|");
        for (String name : new String[] {"billion-laughs.xml", "quadratic-blowup.xml", "xxe-file.xml", "xxe-http.xml"}) {
            byte[] bytes = Files.readAllBytes(feeds.resolve("hostile").resolve(name));
            measure("hostile/" + name, bytes.length, 300, () -> {
                try {
                    parser.parse(bytes, null, null);
                    return "PARSED (unexpected)";
                } catch (FeedRejected e) {
                    return "refused " + e.reason();
                }
            });
        }
        byte[] rss = Files.readAllBytes(feeds.resolve("rome/rome/src/test/resources/rss_2.0.xml"));
        measure("rome rss_2.0.xml", rss.length, 2000, () -> parser.parse(rss, null, null).items().size() + " items");
        byte[] big = hundredItemFeed();
        measure("generated RSS, 100 items", big.length, 300, () -> parser.parse(big, null, null).items().size()
                + " items");

        byte[] bomb = Files.readAllBytes(feeds.resolve("hostile/gzip-bomb.xml.gz"));
        try (LocalHttpServer server = new LocalHttpServer().route("/bomb", request -> LocalHttpServer.encoded("gzip", null, bomb));
                SafeFetcher fetcher = SafeFetcher.create(FetchSettings.DEFAULTS.withPoliteness(4, Duration.ZERO))) {
            measure("hostile/gzip-bomb.xml.gz via SafeFetcher (16 MiB cap)", bomb.length, 20, () -> {
                FetchResult result = fetcher.fetch(FetchRequest.feed(server.url("/bomb")).withAllowPrivateAddress(true));
                return result instanceof FetchFailure failure ? "refused " + failure.reason() : "FETCHED (unexpected)";
            });
        }
    }

    interface Operation {
        String run() throws Exception;
    }

    private static void measure(String name, long size, int runs, Operation operation) throws Exception {
        String outcome = "";
        for (int i = 0; i < Math.max(3, runs / 10); i++) {
            outcome = operation.run(); // warm-up
        }
        long thread = Thread.currentThread().threadId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        long before = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            operation.run();
        }
        long nanos = (System.nanoTime() - before) / runs;
        long allocated = (THREADS.getThreadAllocatedBytes(thread) - allocatedBefore) / runs;
        System.out.printf(Locale.ROOT, "| %s | %s | %.3f ms | %s | %s |%n", name, outcome, nanos / 1e6,
                bytes(allocated), bytes(size));
    }

    private static String bytes(long n) {
        return n >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }

    private static byte[] hundredItemFeed() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench</title>"
                + "<link>https://bench.example/</link>");
        for (int i = 0; i < 100; i++) {
            xml.append("<item><title>Item ").append(i).append("</title><link>https://bench.example/a/").append(i)
                    .append("</link><guid>urn:bench:").append(i).append("</guid><pubDate>Tue, 10 Jun 2025 04:00:00 GMT"
                    + "</pubDate><description><![CDATA[<p>").append("Lorem ipsum dolor sit amet. ".repeat(20))
                    .append("</p>]]></description></item>");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
