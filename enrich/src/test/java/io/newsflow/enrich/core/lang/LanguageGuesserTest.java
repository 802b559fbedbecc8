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

    /** A short paragraph of a script that packs words tightly, said ten times. */
    private static String manyTimes(String paragraph) {
        return (paragraph + "\n\n").repeat(10);
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

    @Test
    void shouldTellLanguagesOfTheScriptsSeveralLanguagesShare() {
        assertThat(GUESSER.guess(longText("""
                Городской совет во вторник проголосовал за расширение порта после многомесячных споров о стоимости \
                и последствиях для рыболовного флота. Мэр заявил, что работы начнутся весной и продлятся два года."""),
                null)).isEqualTo("ru");
        assertThat(GUESSER.guess(longText("""
                Міська рада у вівторок проголосувала за розширення порту після багатомісячних суперечок щодо \
                вартості та наслідків для рибальського флоту. Мер заявив, що роботи почнуться навесні."""),
                null)).isEqualTo("uk");
        assertThat(GUESSER.guess(longText("""
                नगर परिषद ने मंगलवार को बंदरगाह के विस्तार के पक्ष में मतदान किया, जिसके बाद लागत और मछली पकड़ने \
                वाले बेड़े पर इसके प्रभाव को लेकर महीनों तक बहस हुई। महापौर ने कहा कि काम वसंत में शुरू होगा।"""),
                null)).isEqualTo("hi");
    }

    @Test
    void shouldTellTheLanguageOfAOneLanguageScriptWithoutACandidateForIt() {
        LanguageGuesser idAndEn = new LanguageGuesser(java.util.List.of("id", "en"), true);
        assertThat(idAndEn.guess(manyTimes("""
                Το δημοτικό συμβούλιο ψήφισε την Τρίτη την επέκταση του λιμανιού, μετά από μήνες συζητήσεων για το \
                κόστος και τις συνέπειες για τον αλιευτικό στόλο."""), null)).isEqualTo("el");
        assertThat(idAndEn.guess(manyTimes("""
                สภาเมืองลงมติเมื่อวันอังคารให้ขยายท่าเรือ หลังจากถกเถียงกันมาหลายเดือนเกี่ยวกับค่าใช้จ่ายและผลกระทบต่อกองเรือประมง"""),
                null)).isEqualTo("th");
        assertThat(idAndEn.guess(manyTimes("""
                시의회는 화요일 항구 확장안을 통과시켰다. 비용과 어선단에 미치는 영향을 두고 몇 달 동안 논쟁이 이어졌다."""),
                null)).isEqualTo("ko");
        assertThat(idAndEn.guess(manyTimes("""
                市議会は火曜日、費用と漁船団への影響をめぐる数か月の議論の末、港の拡張を可決した。市長は工事が春に始まると述べた。"""),
                null)).isEqualTo("ja");
    }

    @Test
    void shouldGiveNoLanguageForAScriptNoCandidateWrites() {
        LanguageGuesser idAndEn = new LanguageGuesser(java.util.List.of("id", "en"), true);
        assertThat(idAndEn.guess(manyTimes("""
                Городской совет во вторник проголосовал за расширение порта после многомесячных споров о стоимости \
                и последствиях для рыболовного флота."""), null)).isNull();
    }
}
