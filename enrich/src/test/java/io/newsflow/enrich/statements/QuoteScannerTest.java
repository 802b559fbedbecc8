package io.newsflow.enrich.statements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Quote scanner")
class QuoteScannerTest {
    private static List<String> quotes(String text) {
        return QuoteScanner.scan(text, Set.of("said", "kata")).stream().map(q -> q.content(text)).toList();
    }

    @Test
    @DisplayName("finds curly, straight and guillemet quotations without their marks")
    void shouldFindEachKindOfQuotation() {
        assertThat(quotes("Dia menyebutnya “momen kebenaran” kemarin.")).containsExactly("momen kebenaran");
        assertThat(quotes("He called it \"a farce\" and left.")).containsExactly("a farce");
        assertThat(quotes("Elle a dit « une base sérieuse » hier.")).containsExactly("une base sérieuse");
    }

    @Test
    @DisplayName("keeps a quotation of several sentences whole")
    void shouldKeepMultiSentenceQuotations() {
        assertThat(quotes("“We made progress. The job is not finished,” she said."))
                .containsExactly("We made progress. The job is not finished,");
    }

    @Test
    @DisplayName("treats single quotes inside a quotation as part of it, and apostrophes as letters")
    void shouldNestSingleQuotesAndIgnoreApostrophes() {
        assertThat(quotes("“They told us, ‘Nobody passes today,’ and turned us back,” she said."))
                .containsExactly("They told us, ‘Nobody passes today,’ and turned us back,");
        assertThat(quotes("Rapat digelar hari Jum'at dan don’t worry.")).isEmpty();
    }

    @Test
    @DisplayName("takes single curly quotes as a quotation only where they pair up")
    void shouldPairSingleQuotes() {
        assertThat(quotes("The squad had been ‘flat and slow’ all night.")).containsExactly("flat and slow");
        assertThat(quotes("The players’ union met.")).isEmpty();
    }

    @Test
    @DisplayName("an unclosed mark inside a paragraph stops at the end of its sentence, not of the block")
    void shouldBoundAnUnclosedQuotationToItsSentence() {
        String text = "Ia berkata “kami tidak akan mundur. Sherman kemudian pergi. Ryabkov menolak.";
        assertThat(quotes(text)).containsExactly("kami tidak akan mundur.");
    }

    @Test
    @DisplayName("an unclosed quotation stops before an attribution (', said ...')")
    void shouldCutAnUnclosedQuotationAtItsAttribution() {
        String text = "Workers struck. \"We are not going back until it is signed, said Pieter de Vries, at the gate.";
        assertThat(quotes(text)).containsExactly("We are not going back until it is signed,");
    }

    @Test
    @DisplayName("a paragraph opened by an unclosed mark is a quotation continued in the next paragraph")
    void shouldRunAnOpeningUnclosedQuotationToTheParagraphEnd() {
        assertThat(quotes("“Nobody will be allowed to steal this election. Nobody will stop it."))
                .containsExactly("Nobody will be allowed to steal this election. Nobody will stop it.");
    }

    @Test
    @DisplayName("a stray closing mark is ignored and a new opening mark recovers from an unclosed one")
    void shouldRecoverFromStrayMarks() {
        assertThat(quotes("bahwa “ini bukan proses.” hasilnya belum.” Lalu “ya,” kata dia."))
                .containsExactly("ini bukan proses.", "ya,");
        assertThat(quotes("“satu dua tiga “empat,” kata dia.")).containsExactly("satu dua tiga", "empat,");
    }

    @Test
    @DisplayName("no quotation is longer than the bound, whatever the page does")
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
