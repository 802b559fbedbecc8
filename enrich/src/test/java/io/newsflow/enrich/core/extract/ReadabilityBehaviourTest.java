package io.newsflow.enrich.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Readability suite's behaviour cases and a few whole-corpus properties. */
class ReadabilityBehaviourTest {
    private static final String LOREM_START = "Lorem ipsum dolor sit amet, consetetur sadipscing elitr";

    private final HtmlExtractor extractor = new HtmlExtractor();

    private ExtractedPage extract(String fixture) {
        return extractor.extract(ExtractionCorpus.readabilityCase(fixture).htmlAsString(), "");
    }

    @Test
    void shouldDropHiddenNodesAndReportTheirText() {
        ExtractedPage page = extract("hidden-nodes");

        assertThat(page.blocks()).extracting(ExtractedBlock::text)
                .filteredOn(text -> text.startsWith(LOREM_START)).hasSize(1);
        assertThat(page.blocks()).extracting(ExtractedBlock::text).contains("Secondary header", "Third header");
        assertThat(page.hiddenTexts()).hasSize(2).allSatisfy(text -> assertThat(text).startsWith(LOREM_START));
    }

    @Test
    void shouldDropVisibilityHiddenTextAndReportIt() {
        ExtractedPage page = extract("visibility-hidden");
        String text = String.join("\n", page.blocks().stream().map(ExtractedBlock::text).toList());

        assertThat(text).doesNotContain("Lorem ipsum dolor sit amet, consectetur adipisicing elit")
                .contains("Tempor incididunt ut labore et dolore magna aliqua.");
        assertThat(page.blocks()).extracting(ExtractedBlock::text)
                .noneMatch(block -> block.startsWith("Ut enim ad minim veniam"));
        assertThat(page.hiddenTexts()).singleElement().asString()
                .startsWith("Lorem ipsum dolor sit amet, consectetur adipisicing elit");
    }

    @Test
    void shouldRemoveAriaHidden() {
        ExtractedPage page = extract("remove-aria-hidden");

        assertThat(page.blocks()).extracting(ExtractedBlock::text)
                .contains("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt"
                        + " ut labore et dolore magna aliqua.")
                .noneMatch(text -> text.contains("WRONG"));
        assertThat(page.hiddenTexts()).containsExactly("**WRONG**");
        assertThat(page.title()).isEqualTo("Remove aria-hidden elements test");
    }

    @Test
    void shouldYieldTheSameArticleForEveryFixturePageInParallel() throws Exception {
        List<ExtractionCorpus.Page> pages = ExtractionCorpus.scrapinghub();
        List<ExtractedPage> sequential = pages.stream().map(p -> extractor.extract(p.htmlAsString(), "")).toList();
        assertThat(sequential).allSatisfy(page -> assertThat(page.blocks()).isNotEmpty());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExtractedPage>> parallel = pages.stream()
                    .map(p -> pool.submit(() -> extractor.extract(p.htmlAsString(), "")))
                    .toList();
            for (int i = 0; i < pages.size(); i++) {
                assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldTrimEveryBlockAndCollapseItsWhitespace() {
        for (ExtractionCorpus.Page fixture : ExtractionCorpus.readability()) {
            for (ExtractedBlock block : extractor.extract(fixture.htmlAsString(), "").blocks()) {
                assertThat(block.text()).as(fixture.id())
                        .isNotBlank()
                        .doesNotStartWith(" ").doesNotEndWith(" ")
                        .doesNotContain("  ", "\t", "\r", "\u00a0", "\n\n", " \n", "\n ");
            }
        }
    }
}
