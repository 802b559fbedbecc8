package io.newsflow.enrich.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Prints the golden set's table by class and holds the lines that matter most for precision. */
class GoldenClassTableTest {

    @Test
    void shouldRemoveEveryStatedLineAndNothingElseAndKeepEveryGamblingNewsSentence() throws Exception {
        GoldenClassTable table = GoldenClassTable.run(GoldenCasesTest.goldenDir());
        String markdown = table.markdown();
        System.out.println(markdown);
        Path out = Path.of("target", "golden-quality.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);

        GoldenClassTable.Row total = table.total();
        assertThat(total.removalsWrong).as("lines removed that should have stayed").isZero();
        assertThat(total.removalsFound).as("stated lines removed by their rule").isEqualTo(total.removalsExpected);
        assertThat(total.phrasesHeld).as("phrases kept or dropped as stated").isEqualTo(total.phrasesExpected);
        GoldenClassTable.Row news = table.rows.get("gambling-news");
        assertThat(news.sentences).as("gambling-news sentences measured").isPositive();
        assertThat(news.sentencesKept).as("gambling-news sentences kept").isEqualTo(news.sentences);
    }
}
