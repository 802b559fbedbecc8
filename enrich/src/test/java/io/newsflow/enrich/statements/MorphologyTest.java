package io.newsflow.enrich.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cue morphology. */
class MorphologyTest {
    @ParameterizedTest(name = "meN- + {0} = {1}")
    @CsvSource({"katakan, mengatakan", "tolak, menolak", "sebut, menyebut", "kutuk, mengutuk", "bantah, membantah",
            "klaim, mengklaim", "yakinkan, meyakinkan", "pastikan, memastikan", "ancam, mengancam",
            "tuntut, menuntut", "desak, mendesak", "kritik, mengkritik", "protes, memprotes", "jamin, menjamin",
            "nyatakan, menyatakan", "lapor, melapor"})
    void shouldAssimilateTheNasalOfMeN(String stem, String expected) {
        assertThat(Morphology.meN(stem)).isEqualTo(expected);
    }

    @Test
    void shouldGenerateIndonesianForms() {
        assertThat(Morphology.indonesian("kata", "meN-kan")).containsEntry("mengatakan", FormType.ACTIVE);
        assertThat(Morphology.indonesian("kata", "-nya")).containsEntry("katanya", FormType.NYA);
        assertThat(Morphology.indonesian("bantah", "di-")).containsEntry("dibantah", FormType.PASSIVE);
        assertThat(Morphology.indonesian("ingat", "memper-kan")).containsEntry("memperingatkan", FormType.ACTIVE);
        assertThat(Morphology.indonesian("kata", "ber-")).containsEntry("berkata", FormType.ACTIVE);
        assertThatThrownBy(() -> Morphology.indonesian("kata", "ke-an"))
                .hasMessageContaining("unknown Indonesian affix pattern 'ke-an'");
    }

    @Test
    void shouldGenerateEnglishForms() {
        assertThat(Morphology.english("deny", "denied", null, "denies", null))
                .containsKeys("deny", "denies", "denied", "denying");
        assertThat(Morphology.english("warn", null, null, null, null).get("warned"))
                .contains(FormType.ACTIVE, FormType.PASSIVE);
        assertThat(Morphology.english("argue", null, null, null, null)).containsKeys("argues", "argued", "arguing");
        assertThat(Morphology.english("say", "said", null, "says", null).get("saying"))
                .containsExactly(FormType.PARTICIPLE);
    }
}
