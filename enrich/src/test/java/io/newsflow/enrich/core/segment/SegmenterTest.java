package io.newsflow.enrich.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedBlock.Kind;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Segmentation. */
class SegmenterTest {
    private final Segmenter segmenter = new Segmenter();

    @ParameterizedTest(name = "\"{0}\" credits {1}")
    @CsvSource(delimiter = '|', value = {
            "AFP melaporkan.|AFP", "(Reuters)|Reuters", "— AP|AP", "– AP|AP", "Sumber: Antara|Antara", "(ant/AFP)|AFP",
            "The Associated Press contributed to this report.|AP", "Reporting by Jane Doe for Reuters; Editing by Tom Lee|Reuters",
            "Reporting by Maria Lopez; Editing by Peter Graff|Reporting by Maria Lopez; Editing by Peter Graff"})
    void shouldReadTheAgencyOfEachCreditLine(String line, String agency) {
        assertThat(Segmenter.credit(line)).isEqualTo(new Credit(agency, line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ap", "AFP mengatakan harga minyak naik tajam pekan ini.", "Reuters", "Apa sekarang?"})
    void shouldFindNoCreditInLinesThatAreNotCreditsOrNotAtTheEnd(String line) {
        ExtractedPage page = new ExtractedPage("T", null, null, List.of(
                new ExtractedBlock(Kind.PARAGRAPH, line),
                new ExtractedBlock(Kind.PARAGRAPH, "Paragraf terakhir yang panjang dan biasa saja."),
                new ExtractedBlock(Kind.PARAGRAPH, "Satu lagi paragraf biasa.")), List.of());
        assertThat(segmenter.segment(page).credit()).isNull();
    }

    @Test
    void shouldSplitLeadAndSectionsAndDropAHeadingThatRepeatsTheTitle() {
        ExtractedPage page = new ExtractedPage("Big News | Example Site", "By Jo", "en", List.of(
                new ExtractedBlock(Kind.HEADING, "Big News"),
                new ExtractedBlock(Kind.PARAGRAPH, "Lead one."),
                new ExtractedBlock(Kind.QUOTE, "A quote."),
                new ExtractedBlock(Kind.HEADING, "Part one"),
                new ExtractedBlock(Kind.ITEM, "Item."),
                new ExtractedBlock(Kind.HEADING, "Part two"),
                new ExtractedBlock(Kind.HEADING, "Part three"),
                new ExtractedBlock(Kind.PARAGRAPH, "Body."),
                new ExtractedBlock(Kind.PARAGRAPH, "(Reuters)")), List.of());

        Segmentation s = segmenter.segment(page);

        assertThat(s.body().title()).isEqualTo("Big News");
        assertThat(s.body().lead()).hasSize(2);
        assertThat(s.body().sections()).extracting(sec -> sec.heading() + ":" + sec.blocks().size())
                .containsExactly("Part one:1", "Part two:0", "Part three:1");
        assertThat(s.credit().agency()).isEqualTo("Reuters");
        assertThat(s.byline()).isEqualTo("By Jo");
    }
}
