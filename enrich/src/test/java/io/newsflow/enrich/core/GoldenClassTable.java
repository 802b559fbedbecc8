package io.newsflow.enrich.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The golden set scored by class (the {@code class:} key of each {@code .expected.yml}; "other" without one): lines
 * that had to go and went (by the right rule), lines taken that should have stayed, phrases kept and dropped as
 * stated, and for gambling news every sentence of the page kept. Runs in {@link GoldenClassTableTest} and, as a
 * {@code main}, against any build of the core on the class path (the before/after figures of BENCHMARKS.md).
 */
public final class GoldenClassTable {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’]?)\\s+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Counts of one class. */
    static final class Row {
        int pages;
        int removalsExpected;
        int removalsFound;
        int removalsWrong;
        int phrasesExpected;
        int phrasesHeld;
        int sentences;
        int sentencesKept;
    }

    final Map<String, Row> rows = new TreeMap<>();

    static GoldenClassTable run(Path goldenDir) throws IOException {
        GoldenClassTable table = new GoldenClassTable();
        List<Path> pages;
        try (var files = Files.list(goldenDir)) {
            pages = files.filter(p -> !p.getFileName().toString().endsWith(".expected.yml")).sorted().toList();
        }
        for (Path page : pages) {
            table.score(page);
        }
        return table;
    }

    private void score(Path page) throws IOException {
        String name = page.getFileName().toString();
        Map<String, Object> expected;
        try (InputStream in = Files.newInputStream(
                page.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.yml"))) {
            expected = new Yaml().load(in);
        }
        Row row = rows.computeIfAbsent(String.valueOf(expected.getOrDefault("class", "other")), c -> new Row());
        row.pages++;
        byte[] bytes = Files.readAllBytes(page);
        CleanResult result = TestCleaner.get().clean(ArticleInput.ofBytes(name, null, bytes, Instant.EPOCH));
        List<?> wanted = (List<?>) expected.get("spam_removed");
        row.removalsExpected += wanted.size();
        if (!(result instanceof CleanResult.Cleaned cleaned)) {
            return;
        }
        CleanedArticle article = cleaned.article();
        List<String> wantedKeys = new ArrayList<>();
        for (Object w : wanted) {
            Map<?, ?> removal = (Map<?, ?>) w;
            wantedKeys.add(removal.get("text") + "\u0000" + removal.get("rule"));
        }
        for (SpamRemoval removal : article.spamRemoved()) {
            if (wantedKeys.remove(removal.text() + "\u0000" + removal.rule())) {
                row.removalsFound++;
            } else {
                row.removalsWrong++;
            }
        }
        String text = article.text();
        String squashed = squash(text);
        for (Object keep : (List<?>) expected.getOrDefault("keeps", List.of())) {
            row.phrasesExpected++;
            if ((text + "\n" + article.byline()).contains((String) keep)) {
                row.phrasesHeld++;
            }
        }
        for (Object drop : (List<?>) expected.getOrDefault("drops", List.of())) {
            row.phrasesExpected++;
            if (!text.contains((String) drop)) {
                row.phrasesHeld++;
            }
        }
        if ("gambling-news".equals(expected.get("class")) && name.endsWith(".txt")) {
            List<String> lines = Files.readAllLines(page);
            for (String line : lines.subList(1, lines.size())) {
                for (String sentence : SENTENCE_END.split(line.strip())) {
                    if (!sentence.isBlank()) {
                        row.sentences++;
                        if (squashed.contains(squash(sentence))) {
                            row.sentencesKept++;
                        }
                    }
                }
            }
        }
    }

    private static String squash(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    Row total() {
        Row total = new Row();
        for (Row r : rows.values()) {
            total.pages += r.pages;
            total.removalsExpected += r.removalsExpected;
            total.removalsFound += r.removalsFound;
            total.removalsWrong += r.removalsWrong;
            total.phrasesExpected += r.phrasesExpected;
            total.phrasesHeld += r.phrasesHeld;
            total.sentences += r.sentences;
            total.sentencesKept += r.sentencesKept;
        }
        return total;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| class | pages | lines to remove, removed by their rule | lines removed wrongly | phrases kept / dropped as stated | gambling-news sentences kept |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        rows.forEach((name, r) -> out.append(line(name, r)));
        out.append(line("**all**", total()));
        return out.toString();
    }

    private static String line(String name, Row r) {
        return "| " + name + " | " + r.pages + " | " + r.removalsFound + "/" + r.removalsExpected + " | "
                + r.removalsWrong + " | " + r.phrasesHeld + "/" + r.phrasesExpected + " | "
                + (r.sentences == 0 ? "-" : r.sentencesKept + "/" + r.sentences) + " |\n";
    }

    /** Prints the table for the golden folder given (default: the test resources of this checkout). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/golden");
        System.out.print(run(dir).markdown());
    }
}
