package io.newsflow.enrich.core.extract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Extraction speed on the fixture pages, one thread. One operation is one pass over every page of the chosen set,
 * so pages/s = pages / (s/op) and MB/s = bytes / (s/op); {@code jsoupParseAndText} is the yardstick the extraction
 * time is divided by (the whole enrich core must stay within 2.5 times it). Page count and bytes of each set are
 * printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ExtractionBenchmark {
    @Param({"scrapinghub", "readability"})
    public String set;

    private List<String> pages;
    private final HtmlExtractor extractor = new HtmlExtractor();

    @Setup(Level.Trial)
    public void load() {
        List<ExtractionCorpus.Page> corpus = switch (set) {
            case "scrapinghub" -> ExtractionCorpus.scrapinghub();
            case "readability" -> ExtractionCorpus.readability();
            default -> throw new IllegalArgumentException("Unknown fixture set " + set);
        };
        pages = corpus.stream().map(ExtractionCorpus.Page::htmlAsString).toList();
        long bytes = pages.stream().mapToLong(p -> p.getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf("%n[fixture set %s: %d pages, %d bytes of HTML]%n", set, pages.size(), bytes);
    }

    @Benchmark
    public void jsoupParseAndText(Blackhole blackhole) {
        for (String html : pages) {
            blackhole.consume(Jsoup.parse(html, "").text());
        }
    }

    @Benchmark
    public void jsoupParse(Blackhole blackhole) {
        for (String html : pages) {
            blackhole.consume(Jsoup.parse(html, ""));
        }
    }

    @Benchmark
    public void extract(Blackhole blackhole) {
        for (String html : pages) {
            blackhole.consume(extractor.extract(html, ""));
        }
    }
}
