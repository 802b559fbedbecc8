package io.newsflow.enrich.core.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Runs the extractor over a fixture set and scores every page with the benchmark's shingle metric. */
public final class ExtractionQualityReport {
    /** One scored page, with the text the extractor produced. */
    public record Row(ExtractionCorpus.Page page, String extracted, ShingleScore score) {}

    private final String set;
    private final List<Row> rows;

    private ExtractionQualityReport(String set, List<Row> rows) {
        this.set = set;
        this.rows = rows;
    }

    public static ExtractionQualityReport run(String set, List<ExtractionCorpus.Page> pages, HtmlExtractor extractor) {
        List<Row> rows = new ArrayList<>();
        for (ExtractionCorpus.Page page : pages) {
            // Both fixture sets store pages as UTF-8 whatever their meta charset says (qq declares gb2312).
            ExtractedPage extracted = extractor.extract(page.htmlAsString(), "");
            String text = bodyText(extracted);
            rows.add(new Row(page, text, ShingleScore.of(page.expectedText(), text)));
        }
        return new ExtractionQualityReport(set, rows);
    }

    /** The article body as the benchmark sees it: the blocks, one per line (the title is reported apart). */
    public static String bodyText(ExtractedPage page) {
        return page.blocks().stream().map(ExtractedBlock::text).collect(Collectors.joining("\n"));
    }

    public List<Row> rows() {
        return rows;
    }

    public ShingleScore.Corpus corpus() {
        return ShingleScore.Corpus.of(rows.stream().map(Row::score).toList());
    }

    /** A Markdown table: page, precision, recall, F1, then the corpus line. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(set).append(" page | precision | recall | F1 |\n|---|---:|---:|---:|\n");
        for (Row row : rows) {
            String id = row.page().id();
            out.append("| ").append(id.length() > 16 ? id.substring(0, 16) : id)
                    .append(" | ").append(format(row.score().precision()))
                    .append(" | ").append(format(row.score().recall()))
                    .append(" | ").append(format(row.score().f1())).append(" |\n");
        }
        ShingleScore.Corpus corpus = corpus();
        out.append("| **mean** (").append(rows.size()).append(" pages) | ").append(format(corpus.precision()))
                .append(" | ").append(format(corpus.recall()))
                .append(" | **").append(format(corpus.f1())).append("** |\n");
        out.append("\nF1 of mean precision and mean recall (the benchmark's definition): ").append(format(corpus.f1()))
                .append("; mean of per-page F1: ").append(format(corpus.meanPageF1())).append('\n');
        return out.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
