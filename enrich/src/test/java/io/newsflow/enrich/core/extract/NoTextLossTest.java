package io.newsflow.enrich.core.extract;

import static io.newsflow.enrich.core.extract.Pages.PROSE_1;
import static io.newsflow.enrich.core.extract.Pages.PROSE_2;
import static io.newsflow.enrich.core.extract.Pages.PROSE_3;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** Ordinary article structure loses no text: every word of the article comes out, once, in order. */
class NoTextLossTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    @Test
    void shouldLetEveryWordOfARichlyStructuredArticleOutOnce() {
        String article = "<h2>Background</h2><p>" + PROSE_1 + "</p>"
                + "<p>The plan, <a href=\"/report\">published in full on Monday</a>, lists <strong>twelve</strong>"
                + " projects and <em>three</em> new posts.</p>"
                + "<div class=\"ad-container\">Advertisement</div>"
                + "<p>" + PROSE_2 + "</p>"
                + "<h3>The projects</h3><ol><li>A new roof for the library, paid by the state.</li>"
                + "<li>Two bus lines between the harbour and the hospital.</li><li>Repairs to the old bridge.</li></ol>"
                + "<blockquote><p>It is the best budget we could agree on, and it is fair.</p><p>Nobody got all they"
                + " wanted.</p></blockquote>"
                + "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Roof</td><td>2 million</td></tr></table>"
                + "<section><h2>What comes next</h2><div><p>" + PROSE_3 + "</p>The vote is final.<br>Appeals are"
                + " possible until May.</div></section>";
        String html = "<html><head><title>Budget approved</title></head><body><nav><a href=\"/\">Home</a></nav>"
                + "<main><article>" + article + "</article></main><footer>Contact us</footer></body></html>";

        ExtractedPage page = extractor.extract(html, "");

        List<String> expected = new ArrayList<>(ShingleScore.tokens(Jsoup.parse(article).text()));
        expected.remove("Advertisement");
        assertThat(ShingleScore.tokens(ExtractionQualityReport.bodyText(page))).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldKeepNearlyAllTextOfTheReadabilitySuitesCleanArticles() {
        double recallSum = 0;
        List<ExtractionCorpus.Page> pages = ExtractionCorpus.readability();
        for (ExtractionCorpus.Page fixture : pages) {
            String cleanArticle = ExtractionCorpus.readabilityExpectedHtml(fixture);
            String extracted = ExtractionQualityReport.bodyText(extractor.extract(cleanArticle, ""));
            double recall = ShingleScore.of(fixture.expectedText(), extracted).recall();
            // Only figure captions and link lists, which the extractor drops by design, may go.
            assertThat(recall).as(fixture.id()).isGreaterThan(0.75);
            recallSum += recall;
        }
        assertThat(recallSum / pages.size()).as("mean recall on clean articles").isGreaterThan(0.97);
    }
}
