package io.newsflow.enrich.core.extract;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jsoup.Jsoup;

/**
 * A second opinion on the JMH numbers that holds on a shared, busy machine: it measures the CPU time of this thread
 * plus the garbage collectors' time during the run (not wall time), and interleaves the yardstick (jsoup parse + text) with the extractor round by round so that
 * both see the same JIT state and the same cache pressure. Prints pages/s, MB/s and the ratio for each set.
 *
 * <p>Run: {@code ./mvnw -B -pl enrich -Pbench test-compile exec:exec
 * -Dbench.main=io.newsflow.enrich.core.extract.ExtractionSpeed -Dbench.args="20"} (the number of measured rounds).
 */
public final class ExtractionSpeed {
    private static final int WARMUP_ROUNDS = 10;
    /** Keeps the JIT from discarding the work. */
    private static volatile long sink;

    private ExtractionSpeed() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        HtmlExtractor extractor = new HtmlExtractor();
        report("scrapinghub", ExtractionCorpus.scrapinghub(), extractor, rounds);
        report("readability", ExtractionCorpus.readability(), extractor, rounds);
    }

    private static void report(String set, List<ExtractionCorpus.Page> corpus, HtmlExtractor extractor, int rounds) {
        List<String> pages = new ArrayList<>();
        long bytes = 0;
        for (ExtractionCorpus.Page page : corpus) {
            String html = page.htmlAsString();
            pages.add(html);
            bytes += html.getBytes(StandardCharsets.UTF_8).length;
        }
        Consumer<String> yardstick = html -> sink(Jsoup.parse(html, "").text().length());
        Consumer<String> extraction = html -> sink(extractor.extract(html, "").blocks().size());
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            cpuNanos(pages, yardstick);
            cpuNanos(pages, extraction);
        }
        long jsoupNanos = 0;
        long extractNanos = 0;
        long jsoupWall = 0;
        long extractWall = 0;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            jsoupNanos += cpuNanos(pages, yardstick);
            long middle = System.nanoTime();
            extractNanos += cpuNanos(pages, extraction);
            jsoupWall += middle - start;
            extractWall += System.nanoTime() - middle;
        }
        double jsoupSeconds = jsoupNanos / 1e9 / rounds;
        double extractSeconds = extractNanos / 1e9 / rounds;
        double megabytes = bytes / 1e6;
        System.out.printf(Locale.ROOT,
                "%-12s %d pages, %.2f MB | jsoup parse+text: %.1f pages/s, %.1f MB/s | extract: %.1f pages/s,"
                        + " %.1f MB/s | ratio extract / (parse+text) = %.2f  (CPU + GC time, %d rounds;"
                        + " wall-clock ratio %.2f)%n",
                set, pages.size(), megabytes, pages.size() / jsoupSeconds, megabytes / jsoupSeconds,
                pages.size() / extractSeconds, megabytes / extractSeconds, extractSeconds / jsoupSeconds, rounds,
                (double) extractWall / jsoupWall);
    }

    private static long cpuNanos(List<String> pages, Consumer<String> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long gcStart = gcMillis();
        long start = threads.getCurrentThreadCpuTime();
        for (String html : pages) {
            work.accept(html);
        }
        return threads.getCurrentThreadCpuTime() - start + (gcMillis() - gcStart) * 1_000_000;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private static void sink(long value) {
        sink += value;
    }
}
