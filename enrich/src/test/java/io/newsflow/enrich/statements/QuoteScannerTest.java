package io.newsflow.enrich.statements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Quote scanner. */
class QuoteScannerTest {
    private static List<String> quotes(String text) {
        return QuoteScanner.scan(text, Set.of("said", "kata")).stream().map(q -> q.content(text)).toList();
    }

    @Test
    void shouldFindEachKindOfQuotation() {
        assertThat(quotes("Dia menyebutnya “momen kebenaran” kemarin.")).containsExactly("momen kebenaran");
        assertThat(quotes("He called it \"a farce\" and left.")).containsExactly("a farce");
        assertThat(quotes("Elle a dit « une base sérieuse » hier.")).containsExactly("une base sérieuse");
    }

    @Test
    void shouldKeepMultiSentenceQuotations() {
        assertThat(quotes("“We made progress. The job is not finished,” she said."))
                .containsExactly("We made progress. The job is not finished,");
    }

    @Test
    void shouldNestSingleQuotesAndIgnoreApostrophes() {
        assertThat(quotes("“They told us, ‘Nobody passes today,’ and turned us back,” she said."))
                .containsExactly("They told us, ‘Nobody passes today,’ and turned us back,");
        assertThat(quotes("Rapat digelar hari Jum'at dan don’t worry.")).isEmpty();
    }

    @Test
    void shouldPairSingleQuotes() {
        assertThat(quotes("The squad had been ‘flat and slow’ all night.")).containsExactly("flat and slow");
        assertThat(quotes("The players’ union met.")).isEmpty();
    }

    @Test
    void shouldBoundAnUnclosedQuotationToItsSentence() {
        String text = "Ia berkata “kami tidak akan mundur. Sherman kemudian pergi. Ryabkov menolak.";
        assertThat(quotes(text)).containsExactly("kami tidak akan mundur.");
    }

    @Test
    void shouldCutAnUnclosedQuotationAtItsAttribution() {
        String text = "Workers struck. \"We are not going back until it is signed, said Pieter de Vries, at the gate.";
        assertThat(quotes(text)).containsExactly("We are not going back until it is signed,");
    }

    @Test
    void shouldRunAnOpeningUnclosedQuotationToTheParagraphEnd() {
        assertThat(quotes("“Nobody will be allowed to steal this election. Nobody will stop it."))
                .containsExactly("Nobody will be allowed to steal this election. Nobody will stop it.");
    }

    @Test
    void shouldRecoverFromStrayMarks() {
        assertThat(quotes("bahwa “ini bukan proses.” hasilnya belum.” Lalu “ya,” kata dia."))
                .containsExactly("ini bukan proses.", "ya,");
        assertThat(quotes("“satu dua tiga “empat,” kata dia.")).containsExactly("satu dua tiga", "empat,");
    }

    @Test
    void shouldBoundQuotationLength() {
        String text = "“" + "kata ".repeat(1000);
        assertThat(QuoteScanner.scan(text)).allSatisfy(q ->
                assertThat(q.contentEnd() - q.contentStart()).isLessThanOrEqualTo(QuoteScanner.MAX_QUOTE + 1));
    }

    @Test
    void shouldPairCurlyMarksByPositionNotByGlyph() {
        assertThat(quotes("”Sementara ini, ada 13 rumah rusak. Kami masih mendata,” tutur Nushy."))
                .containsExactly("Sementara ini, ada 13 rumah rusak. Kami masih mendata,");
        assertThat(quotes("“Stok beras aman,“ kata Budi. Program ”beras murah” berlanjut."))
                .containsExactly("Stok beras aman,", "beras murah");
    }

    @Test
    void shouldEndAQuotationWhoseOpenerThePageLost() {
        assertThat(quotes("Kami terus memantau harga di 30 pasar,” kata Budi."))
                .containsExactly("Kami terus memantau harga di 30 pasar,");
        assertThat(quotes("“Harga turun,” kata Budi. Stok cukup. Kami siap,” kata Budi lagi."))
                .containsExactly("Harga turun,", "Stok cukup. Kami siap,");
    }

    @Test
    void shouldIgnoreAStrayClosingMarkThatEndsNoQuotation() {
        assertThat(quotes("Harga beras turun” pada pekan ini.")).isEmpty();
    }
}
