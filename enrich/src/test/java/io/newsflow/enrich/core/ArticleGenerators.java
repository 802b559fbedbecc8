package io.newsflow.enrich.core;

import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random articles for property tests: real-looking prose mixed with spam, boilerplate, quotes, bylines, credits. */
final class ArticleGenerators {
    private ArticleGenerators() {}

    private static final List<String> WORDS = List.of(
            "pemerintah", "mengatakan", "warga", "kota", "harga", "naik", "pekan", "lalu", "menurut", "polisi",
            "the", "council", "said", "on", "tuesday", "prices", "rose", "judi", "online", "bandar", "ditangkap",
            "slot", "togel", "casino", "betting", "menteri", "rapat", "di", "yang", "dan", "untuk", "with", "after");
    private static final List<String> SPAM = List.of(
            "sbobet", "slot gacor maxwin", "Situs Toto Terpercaya", "s10t g4c0r", "ｓｂｏｂｅｔ８８", "sl\u200bot ga\u200bcor",
            "By gacor88", "Oleh: slot777resmi", "Slot Gacor | Togel Online | Situs Toto | Sbobet88",
            "DAFTAR SLOT GACOR HARI INI", "bocoran rtp slot gacor", "ѕlot gасor");
    private static final List<String> BOILERPLATE = List.of(
            "Baca juga: Harga cabai turun di pasar", "ADVERTISEMENT", "Advertisement", "SCROLL TO CONTINUE WITH CONTENT",
            "Read more: Why prices keep rising", "Related: The council's budget", "Simak juga video berikut");
    private static final List<String> SHORT_REAL = List.of(
            "By Reuters", "By John Smith", "Oleh Andi", "AFP melaporkan.", "(Reuters)", "— AP", "Sanksi", "Apa sekarang?",
            "Takut akan invasi", "What happens next");

    static Arbitrary<String> sentence() {
        return Arbitraries.of(WORDS).list().ofMinSize(4).ofMaxSize(25)
                .map(ws -> {
                    String s = String.join(" ", ws);
                    return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
                });
    }

    static Arbitrary<String> quotedSpam() {
        return Arbitraries.of(SPAM).map(s -> "“" + s + ",” kata seorang saksi kepada polisi di kantor.");
    }

    /** One line of an article: mostly prose, sometimes spam, boilerplate, a short real line or a quote. */
    static Arbitrary<String> line() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, sentence()),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(SPAM)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(BOILERPLATE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(SHORT_REAL)),
                net.jqwik.api.Tuple.of(1, quotedSpam()),
                net.jqwik.api.Tuple.of(1, sentence().map(s -> "– " + s)));
    }

    /** A plain-text article: a title line, then lines separated by blank lines. */
    static Arbitrary<String> plainTextArticle() {
        return Combinators.combine(sentence(), line().list().ofMinSize(1).ofMaxSize(20))
                .as((title, lines) -> title + "\n\n" + String.join("\n\n", lines) + "\n");
    }

    static Arbitrary<ExtractedPage> extractedPage() {
        Arbitrary<ExtractedBlock> block = Combinators.combine(
                        Arbitraries.of(ExtractedBlock.Kind.class), line())
                .as(ExtractedBlock::new);
        Arbitrary<List<String>> hidden = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(SPAM)),
                        net.jqwik.api.Tuple.of(1, sentence()))
                .list().ofMaxSize(3);
        return Combinators.combine(sentence(), block.list().ofMaxSize(25), hidden)
                .as((title, blocks, hiddenTexts) -> new ExtractedPage(title, null, null, blocks, hiddenTexts));
    }
}
