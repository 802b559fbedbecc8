package io.newsflow.enrich.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.core.SpeechAct;
import io.newsflow.enrich.core.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Statement tagger. */
class StatementTaggerTest {
    private final StatementTagger tagger = StatementTagger.withDefaults();

    private List<Statement> tag(String language, String... paragraphs) {
        return tagger.tag(PlainTextArticle.lead(paragraphs), language);
    }

    @Test
    void shouldReadBothOrders() {
        assertThat(tag("id", "“Kami siap berunding,” kata Grushko.", "Grushko mengatakan, “Kami siap.”"))
                .allSatisfy(s -> assertThat(s.speaker().name()).isEqualTo("Grushko"))
                .extracting(Statement::quotes).containsExactly(List.of("Kami siap berunding,"), List.of("Kami siap."));
        assertThat(tag("en", "\"We are ready,\" said Grushko.", "\"We are ready,\" Grushko said."))
                .extracting(s -> s.speaker().name()).containsExactly("Grushko", "Grushko");
    }

    @Test
    void shouldTellOutletsFromAudiences() {
        assertThat(tag("id", "Sherman mengatakan kepada wartawan bahwa sanksi siap.",
                "Ryabkov menolak tawaran itu, seperti dikutip AP.", "Grushko berkata kepada Reuters bahwa ia optimistis."))
                .extracting(Statement::via).containsExactly(null, "AP", "Reuters");
        assertThat(tag("en", "Peskov told reporters the talks would go on.", "Peskov told Reuters the talks would go on.",
                "\"No,\" Peskov said, according to the BBC."))
                .extracting(Statement::via).containsExactly(null, "Reuters", "BBC");
    }

    @Test
    void shouldIgnoreNonStatements() {
        assertThat(tag("id", "Gempa magnitudo 5,6 mengguncang Cianjur pada Senin siang.",
                "Direktur Utama Bulog tidak membantah laporan itu.", "Juru bicara polisi menolak berkomentar.")).isEmpty();
        assertThat(tag("en", "The storm threatened thousands of homes along the coast.",
                "The minister declined to comment.", "Smith did not deny the report.")).isEmpty();
    }

    @Test
    void shouldApplyActRules() {
        assertThat(tag("id", "Sherman bersikukuh bahwa tuntutan itu tidak dapat diterima."))
                .singleElement().extracting(Statement::act).isEqualTo(SpeechAct.REJECT);
        assertThat(tag("en", "Haddad told Al Jazeera the army would respond with force if the militia advanced."))
                .singleElement().extracting(Statement::act).isEqualTo(SpeechAct.THREATEN);
        assertThat(tag("en", "Ryabkov insisted that Russia had no plans to invade."))
                .singleElement().extracting(Statement::act).isEqualTo(SpeechAct.ASSERT);
    }

    @Test
    void shouldSplitTwoSpeakersInOneSentence() {
        List<Statement> s = tag("en",
                "Raud said spending must double, while Kalns insisted that conscription was \"off the table.\"");
        assertThat(s).extracting(st -> st.speaker().name()).containsExactly("Raud", "Kalns");
        assertThat(s.get(0).quotes()).isEmpty();
        assertThat(s.get(1).quotes()).containsExactly("off the table.");
        assertThat(s.get(0).end()).isLessThanOrEqualTo(s.get(1).start());
    }

    @Test
    void shouldSurviveAnUnbalancedQuote() {
        List<Statement> s = tag("id",
                "Ia berkata “kami tidak akan mundur. Sherman kemudian mengancam sanksi. Ryabkov menolak ancaman itu.");
        assertThat(s).extracting(Statement::act).contains(SpeechAct.THREATEN, SpeechAct.REJECT);
    }

    @Test
    void shouldGiveAPassiveAgentAfterAnotherSpeakerItsOwnClause() {
        // was IndexOutOfBoundsException: Index -1 in ArticleTagger.finish: the agent's clause started at the unit's
        // start, before the first statement's, so the first statement ended before token 0
        List<Statement> s = tag("id", "Menurut Anita, ditolak Agung.");
        assertThat(s).extracting(st -> st.speaker().name()).containsExactly("Anita", "Agung");
        assertThat(s).extracting(Statement::text).containsExactly("Menurut Anita", "ditolak Agung.");
        assertThat(s.get(0).end()).isLessThanOrEqualTo(s.get(1).start());
    }

    @Test
    void shouldEndEveryStatementAfterItStartsWhenAPassiveAgentFollowsAQuotation() {
        // was StringIndexOutOfBoundsException (Range [19, 18)) in ArticleTagger.finish: in a second sentence the
        // agent's clause started before the first statement's first word, so that statement ended before it began
        List<Statement> s = tag("en", "The sky was clear. “We will not stop,” said Smith, but the plan was rejected by Jones.");
        assertThat(s).extracting(st -> st.speaker().name()).containsExactly("Smith", "Jones");
        assertThat(s).extracting(Statement::text)
                .containsExactly("“We will not stop,” said Smith", "but the plan was rejected by Jones.");
        assertThat(s).allSatisfy(st -> assertThat(st.start()).isLessThan(st.end()));
    }

    @Test
    void shouldFindNoStatementWhereEveryClaimIsAnOutlet() {
        // was IndexOutOfBoundsException: Index -1 in ArticleTagger.assignVia (found by CoreRobustnessTest): both
        // claims named an agency, so no statement was drafted, and the via found after them had no owner
        assertThat(tag("en", "told Reuters told Reuters said")).isEmpty();
        assertThat(tag("en", "Judul according to Reuters a a a b b b b b according to Reuters")).isEmpty();
    }

    @Test
    void shouldPickTheLanguageWhenNoneIsGiven() {
        assertThat(tag(null, "Menurut Sherman, Rusia tidak memberikan bukti apa pun kepada AS."))
                .singleElement().extracting(Statement::act).isEqualTo(SpeechAct.REPORT);
        assertThat(tag(null, "The minister warned that the dam could fail."))
                .singleElement().extracting(Statement::act).isEqualTo(SpeechAct.WARN);
    }

    @Test
    void shouldBeThreadSafe() throws Exception {
        List<GoldenSet.Case> cases = GoldenSet.load();
        List<List<Statement>> expected = cases.stream().map(c -> tagger.tag(c.body(), c.language())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < cases.size(); i++) {
                        if (!tagger.tag(cases.get(i).body(), cases.get(i).language()).equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldGiveAQuotationOverSeveralParagraphsToItsClosingCue() {
        List<Statement> got = tag("id", "Banjir merendam tiga desa.", "”Bantuan sudah kami salurkan ke tiga posko.",
                "”Dapur umum juga sudah berdiri sejak tadi malam.", "Semua warga sudah makan,” lanjut Dede Sukmana.");
        assertThat(got).extracting(Statement::block).containsExactly(1, 2, 3);
        assertThat(got).allSatisfy(s -> assertThat(s.speaker().name()).isEqualTo("Dede Sukmana"));
    }

    @Test
    void shouldKeepAnUnclosedQuotationParagraphAfterHeSaidWithThatSpeaker() {
        List<Statement> got = tag("en", "Mayor Helen Carter said:", "“We will rebuild every house.");
        assertThat(got).extracting(s -> s.speaker().name()).containsExactly("Helen Carter", "Helen Carter");
    }

    @Test
    void shouldMakeNoStatementOfACueWordUsedAsANounAfterAComma() {
        assertThat(tag("id", "Toko di kawasan itu buka pukul 08.00, tutupnya pukul 21.00.",
                "Namun, pesannya jelas bagi semua pedagang.", "Program ”beras murah” berlangsung hingga Desember."))
                .isEmpty();
    }
}
