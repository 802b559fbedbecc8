package io.newsflow.enrich.core.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Language guessing on article-length texts. */
class LanguageGuesserTest {
    private static final LanguageGuesser GUESSER = LanguageGuesser.defaults();

    /** A paragraph said four times: longer than the 700 characters the guesser samples. */
    private static String longText(String paragraph) {
        String text = (paragraph + "\n\n").repeat(4);
        assertThat(text.length()).isGreaterThan(700);
        return text;
    }

    @Test
    void shouldTellEnglishGermanAndFrench() {
        assertThat(GUESSER.guess(longText("""
                The city council voted on Tuesday to expand the harbour, after months of debate about the cost and the \
                effect on the fishing fleet. The mayor said the work would begin in the spring and take two years, \
                while opponents warned that the budget was far too optimistic."""), null)).isEqualTo("en");
        assertThat(GUESSER.guess(longText("""
                Der Stadtrat hat am Dienstag beschlossen, den Hafen zu erweitern, nachdem monatelang über die Kosten \
                und die Folgen für die Fischereiflotte gestritten worden war. Die Bürgermeisterin sagte, die Arbeiten \
                würden im Frühjahr beginnen und zwei Jahre dauern."""), null)).isEqualTo("de");
        assertThat(GUESSER.guess(longText("""
                Le conseil municipal a voté mardi l'agrandissement du port, après des mois de débat sur le coût et les \
                conséquences pour la flotte de pêche. Le maire a déclaré que les travaux commenceraient au printemps \
                et dureraient deux ans."""), null)).isEqualTo("fr");
    }

    @Test
    void shouldTellIndonesianFromMalay() {
        assertThat(GUESSER.guess(longText("""
                Pemerintah kota memutuskan pada hari Selasa untuk memperluas pelabuhan, setelah berbulan-bulan \
                perdebatan tentang biaya dan dampaknya bagi nelayan. Wali kota mengatakan pekerjaan akan dimulai pada \
                musim kemarau dan memakan waktu dua tahun, sementara warga khawatir anggarannya terlalu kecil."""),
                null)).isEqualTo("id");
        assertThat(GUESSER.guess(longText("""
                Kerajaan negeri memutuskan pada hari Selasa untuk membesarkan pelabuhan, selepas berbulan-bulan \
                perbahasan mengenai kos dan kesannya kepada nelayan. Menteri Besar berkata kerja-kerja akan bermula \
                tahun hadapan dan mengambil masa dua tahun, manakala penduduk bimbang peruntukannya tidak mencukupi."""),
                null)).isEqualTo("ms");
    }

    @Test
    void shouldTellIndonesianWhenTheTextStartsWithAListOfPlaces() {
        String text = "Jakarta, Surabaya, Bandung, Medan, Makassar, Palembang, Semarang, Denpasar. "
                + longText("""
                        Banjir merendam ribuan rumah warga di pinggiran kota sejak Senin malam, dan petugas \
                        mengevakuasi lansia serta anak-anak ke tempat pengungsian yang disiapkan pemerintah daerah. \
                        Kepala badan penanggulangan bencana mengatakan air mulai surut pada Rabu pagi.""");
        assertThat(GUESSER.guess(text, null)).isEqualTo("id");
    }
}
