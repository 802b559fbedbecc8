package io.newsflow.enrich.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.core.Speaker;
import io.newsflow.enrich.core.SpeechAct;
import io.newsflow.enrich.core.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Speakers: names, roles, organisations, pronouns. */
class SpeakerResolutionTest {
    private final StatementTagger tagger = StatementTagger.withDefaults();

    private List<Statement> tag(String language, String... paragraphs) {
        return tagger.tag(PlainTextArticle.lead(paragraphs), language);
    }

    @Test
    void shouldCanonicaliseSurnames() {
        List<Statement> s = tag("id",
                "Sherman mengancam sanksi baru.",
                "Pertemuan itu dihadiri Wakil Menteri Luar Negeri AS Wendy Sherman dan delegasi Rusia.");
        assertThat(s).singleElement().extracting(Statement::speaker)
                .isEqualTo(new Speaker("Wendy Sherman", "Wakil Menteri Luar Negeri AS"));
    }

    @Test
    void shouldResolveARoleToAPerson() {
        List<Statement> s = tag("en",
                "Foreign Minister Retno Marsudi arrived in Geneva on Monday.",
                "\"We came to listen,\" the minister said.");
        assertThat(s).singleElement().extracting(Statement::speaker)
                .isEqualTo(new Speaker("Retno Marsudi", "Foreign Minister"));
    }

    @Test
    void shouldTakeOrganisationsAsSpeakers() {
        assertThat(tag("id", "Kremlin membantah laporan itu.", "Kementerian Luar Negeri menolak tuduhan tersebut."))
                .extracting(st -> st.speaker().name()).containsExactly("Kremlin", "Kementerian Luar Negeri");
        assertThat(tag("en", "The White House condemned the attack."))
                .singleElement().extracting(st -> st.speaker().name()).isEqualTo("White House");
    }

    @Test
    void shouldResolveIndonesianPronounsToPersons() {
        List<Statement> s = tag("id",
                "Ryabkov mengutuk sanksi itu. Kremlin kemudian mengatakan perundingan tetap berjalan.",
                "Namun dia menambahkan bahwa Moskow siap berunding.",
                "\"Kami tidak takut,\" katanya.");
        assertThat(s).extracting(st -> st.speaker().name()).containsExactly("Ryabkov", "Kremlin", "Ryabkov",
                "Ryabkov");
        assertThat(s.get(2).confidence()).isLessThan(s.get(0).confidence());
    }

    @Test
    void shouldResolveEnglishPronounsByKind() {
        List<Statement> s = tag("en",
                "Wendy Sherman met Sergei Ryabkov in Geneva. Ryabkov said the talks were difficult.",
                "The State Department said the meeting was useful. It added that sanctions remained possible.",
                "She said Washington would not yield.");
        assertThat(s).extracting(st -> st.speaker().name())
                .containsExactly("Sergei Ryabkov", "State Department", "State Department", "Wendy Sherman");
    }

    @Test
    void shouldNotInventSpeakers() {
        assertThat(tag("en", "Officials said the plant would reopen in May."))
                .singleElement().satisfies(st -> {
                    assertThat(st.speaker()).isNull();
                    assertThat(st.act()).isEqualTo(SpeechAct.ASSERT);
                });
        assertThat(tag("id", "Kedua belah pihak mencatat bahwa belum ada terobosan.")).isEmpty();
        assertThat(tag("en", "Both sides said the talks were useful.")).isEmpty();
    }

    @Test
    void shouldLeaveAnUnresolvablePronounOpen() {
        assertThat(tag("en", "\"It will not happen,\" he said.")).singleElement().satisfies(st -> {
            assertThat(st.speaker()).isNull();
            assertThat(st.confidence()).isLessThan(0.5);
        });
    }
}
