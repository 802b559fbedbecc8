package io.newsflow.enrich.statements;

import io.newsflow.stack.junit.SharedFolder;
import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.Block;
import io.newsflow.enrich.core.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Statement tagging speed. {@code tagFixturePages} tags the article text of the scrapinghub extraction fixtures (the
 * text the cleaner keeps, as paragraphs, language detected from cues); {@code jsoupParseAndText} is jsoup parse +
 * text of the same pages, the yardstick of the enrich core's speed goal, so their ratio is the tagger's share.
 * {@code tagGoldenCorpus} tags the seed and every golden article (statement-dense news).
 *
 * <pre>
 * ./mvnw -B -pl enrich -Pbench test-compile exec:exec -Dbench.args="StatementTaggingBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatementTaggingBenchmark {
    private final StatementTagger tagger = StatementTagger.withDefaults();
    private final List<ArticleBody> golden = new ArrayList<>();
    private final List<String> goldenLanguages = new ArrayList<>();
    private final List<ArticleBody> fixtureBodies = new ArrayList<>();
    private final List<String> fixtureHtml = new ArrayList<>();

    @Setup
    public void load() throws IOException {
        for (GoldenSet.Case c : GoldenSet.load()) {
            golden.add(c.body());
            goldenLanguages.add(c.language());
        }
        for (GoldenSet.Case c : GoldenSet.holdout()) { // both held-out sets
            golden.add(c.body());
            goldenLanguages.add(c.language());
        }
        golden.add(PlainTextArticle.parse(SharedFolder.read("samples/geneva-talks.id.txt"), 3));
        goldenLanguages.add("id");
        Path pages = SharedFolder.path("fixtures/extraction/scrapinghub-aeb/LICENSE").getParent().resolve("html");
        try (Stream<Path> files = Files.list(pages)) {
            for (Path html : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                Path expected = Path.of(html.toString().replace(".html", ".expected.txt"));
                fixtureHtml.add(Files.readString(html, StandardCharsets.UTF_8));
                fixtureBodies.add(paragraphs(Files.readString(expected, StandardCharsets.UTF_8)));
            }
        }
    }

    private static ArticleBody paragraphs(String text) {
        List<Block> blocks = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                blocks.add(Block.paragraph(line.strip()));
            }
        }
        return new ArticleBody(null, blocks, List.of());
    }

    @Benchmark
    public void tagGoldenCorpus(Blackhole bh) {
        for (int i = 0; i < golden.size(); i++) {
            List<Statement> s = tagger.tag(golden.get(i), goldenLanguages.get(i));
            bh.consume(s);
        }
    }

    @Benchmark
    public void tagFixturePages(Blackhole bh) {
        for (ArticleBody body : fixtureBodies) {
            bh.consume(tagger.tag(body, null));
        }
    }

    @Benchmark
    public void jsoupParseAndText(Blackhole bh) {
        for (String html : fixtureHtml) {
            bh.consume(Jsoup.parse(html).text());
        }
    }
}
