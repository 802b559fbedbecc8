package io.newsflow.enrich.core;

import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.stack.junit.SharedFolder;
import io.newsflow.enrich.core.extract.ExtractedPage;
import io.newsflow.enrich.core.extract.HtmlExtractor;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.core.segment.Segmentation;
import io.newsflow.enrich.core.segment.Segmenter;
import io.newsflow.enrich.core.spam.SpamRules;
import io.newsflow.enrich.core.spam.SpamStripper;
import io.newsflow.enrich.statements.StatementTagger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The whole enrich core (decode, extraction, spam, segmentation, language, tagging) on the fixture pages, one thread,
 * against jsoup parse-plus-text on the same pages, and each stage alone for its share. One operation is one pass over
 * every page of the set: pages/s = pages / (s/op), MB/s = bytes / (s/op); both are printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class CoreBenchmark {
    @Param({"scrapinghub", "readability"})
    public String set;

    private List<byte[]> pages;
    private List<String> html;
    private List<ExtractedPage> extracted;
    private List<ExtractedPage> stripped;
    private List<Segmentation> segmented;
    private List<String> texts;
    private ArticleCleaner cleaner;
    private final HtmlExtractor extractor = new HtmlExtractor();
    private final SpamStripper stripper = new SpamStripper(SpamRules.defaults());
    private final Segmenter segmenter = new Segmenter();
    private final StatementTagger tagger = StatementTagger.withDefaults();
    private LanguageGuesser languages;

    @Setup(Level.Trial)
    public void load() {
        Path root = SharedFolder.path("fixtures/extraction");
        pages = switch (set) {
            case "scrapinghub" -> read(root.resolve("scrapinghub-aeb/html"), "glob:**.html");
            case "readability" -> read(root.resolve("mozilla-readability"), "glob:**/source.html");
            default -> throw new IllegalArgumentException("unknown fixture set " + set);
        };
        html = pages.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        languages = LanguageGuesser.defaults();
        cleaner = new ArticleCleaner(SpamRules.defaults(), languages, tagger, ArticleCleaner.DEFAULT_MIN_WORDS);
        extracted = html.stream().map(h -> extractor.extract(h, "")).toList();
        stripped = extracted.stream().map(p -> stripper.strip(p).page()).toList();
        segmented = stripped.stream().map(segmenter::segment).toList();
        texts = segmented.stream().map(s -> ArticleCleaner.plainText(s.body())).toList();
        long bytes = pages.stream().mapToLong(p -> p.length).sum();
        System.out.printf("%n[fixture set %s: %d pages, %d bytes of HTML]%n", set, pages.size(), bytes);
    }

    private static List<byte[]> read(Path dir, String glob) {
        var matcher = dir.getFileSystem().getPathMatcher(glob);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(matcher::matches).sorted().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The yardstick: jsoup's parse and text of the same pages. */
    @Benchmark
    public void jsoupParseAndText(Blackhole blackhole) {
        for (String page : html) {
            blackhole.consume(Jsoup.parse(page, "").text());
        }
    }

    /** The whole core from bytes, as the topology calls it. */
    @Benchmark
    public void clean(Blackhole blackhole) {
        for (byte[] page : pages) {
            blackhole.consume(cleaner.clean(ArticleInput.ofBytes("page", "text/html", page, Instant.EPOCH)));
        }
    }

    @Benchmark
    public void stageExtract(Blackhole blackhole) {
        for (String page : html) {
            blackhole.consume(extractor.extract(page, ""));
        }
    }

    @Benchmark
    public void stageSpam(Blackhole blackhole) {
        for (ExtractedPage page : extracted) {
            blackhole.consume(stripper.strip(page));
        }
    }

    @Benchmark
    public void stageSegment(Blackhole blackhole) {
        for (ExtractedPage page : stripped) {
            blackhole.consume(segmenter.segment(page));
        }
    }

    @Benchmark
    public void stageLanguage(Blackhole blackhole) {
        for (String text : texts) {
            blackhole.consume(languages.guess(text, null));
        }
    }

    @Benchmark
    public void stageTagging(Blackhole blackhole) {
        for (Segmentation s : segmented) {
            blackhole.consume(tagger.tag(s.body(), "en"));
        }
    }
}
