package io.newsflow.enrich.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.core.ArticleBody;
import io.newsflow.enrich.core.SpeechAct;
import io.newsflow.enrich.core.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lexicon loading. */
class LexiconsTest {
    @TempDir
    Path dir;

    private static ArticleBody lead(String... paragraphs) {
        return PlainTextArticle.lead(paragraphs);
    }

    private Path file(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void shouldLoadBothDefaultLanguages() {
        Lexicons lexicons = Lexicons.defaults();
        assertThat(lexicons.languages()).contains("id", "en");
        assertThat(lexicons.language("id").cues.size()).isGreaterThan(100);
        assertThat(lexicons.language("en").cues.size()).isGreaterThan(100);
    }

    @Test
    void shouldAddACueFromAUserFile() throws Exception {
        ArticleBody body = lead("Menteri Keuangan Sri Mulyani mewanti-wanti pasar agar tidak panik.");
        assertThat(StatementTagger.withDefaults().tag(body, "id")).isEmpty();
        Path user = file("extra.yaml", """
                language: id
                cues:
                  - {act: WARN, phrase: mewanti-wanti}
                """);
        List<Statement> found = StatementTagger.load(Lexicons.defaultsWith(user)).tag(body, "id");
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.act()).isEqualTo(SpeechAct.WARN);
            assertThat(s.speaker().name()).isEqualTo("Sri Mulyani");
        });
    }

    @Test
    void shouldOverrideAndDisableCues() throws Exception {
        ArticleBody body = lead("Sherman menyebut Rusia sebagai ancaman.", "Ryabkov mengecam sanksi itu.");
        Path user = file("tweak.yaml", """
                language: id
                cues:
                  - {act: CONDEMN, root: sebut, forms: [meN-]}
                disable:
                  cues: [kecam]
                """);
        List<Statement> found = StatementTagger.load(Lexicons.defaultsWith(user)).tag(body, "id");
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.act()).isEqualTo(SpeechAct.CONDEMN);
            assertThat(s.speaker().name()).isEqualTo("Sherman");
        });
    }

    @Test
    void shouldExtendALanguage() throws Exception {
        Path user = file("ms.yaml", """
                language: ms
                extends: id
                cues:
                  - {act: ASSERT, phrase: memberitahu}
                """);
        StatementTagger tagger = StatementTagger.load(Lexicons.defaultsWith(user));
        assertThat(tagger.languages()).contains("ms");
        List<Statement> found = tagger.tag(lead("Anwar Ibrahim memberitahu pemberita bahawa rundingan diteruskan.",
                "Fahmi Fadzil menolak dakwaan itu."), "ms");
        assertThat(found).extracting(Statement::act).containsExactly(SpeechAct.ASSERT, SpeechAct.REJECT);
    }

    @Test
    void shouldNameFileAndLineForAnUnknownAct() throws Exception {
        Path user = file("bad-act.yaml", """
                language: id
                cues:
                  - {act: ASSERT, phrase: berseloroh}
                  - {act: WARNS, phrase: mewanti-wanti}
                """);
        assertThatThrownBy(() -> Lexicons.defaultsWith(user))
                .isInstanceOf(LexiconFormatException.class)
                .hasMessageStartingWith(user + ":4: cues[1].act: unknown act 'WARNS'")
                .satisfies(e -> assertThat(((LexiconFormatException) e).line()).isEqualTo(4));
    }

    @Test
    void shouldReportEveryKindOfMistake() throws Exception {
        assertThatThrownBy(() -> Lexicons.defaultsWith(file("syntax.yaml", "language: id\ncues: [ {act: ASSERT\n")))
                .isInstanceOf(LexiconFormatException.class).hasMessageContaining("syntax.yaml:")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> Lexicons.defaultsWith(file("key.yaml",
                "language: id\ncues:\n  - {act: ASSERT, phrase: x, tense: past}\n")))
                .hasMessageStartingWith(dir.resolve("key.yaml") + ":3: cues[0].tense: unknown key 'tense'");
        assertThatThrownBy(() -> Lexicons.defaultsWith(file("form.yaml",
                "language: id\ncues:\n  - act: ASSERT\n    root: kata\n    forms: [meN-kan, ke-an]\n")))
                .hasMessageStartingWith(dir.resolve("form.yaml") + ":5: cues[0].forms[1]: unknown Indonesian affix pattern 'ke-an'");
        assertThatThrownBy(() -> Lexicons.defaultsWith(file("disable.yaml",
                "language: en\ndisable:\n  cues: [harrumphed]\n")))
                .hasMessageStartingWith(dir.resolve("disable.yaml") + ":3: disable.cues[0]: cannot disable 'harrumphed'");
        assertThatThrownBy(() -> Lexicons.defaultsWith(file("section.yaml", "langauge: id\n")))
                .hasMessageContaining("section.yaml:1: langauge: unknown key 'langauge'");
        assertThatThrownBy(() -> Lexicons.defaultsWith(file("nolang.yaml", "cues:\n  - {act: ASSERT, phrase: x}\n")))
                .hasMessageContaining("needs a 'language'");
    }

    @Test
    void shouldKeepYesNoAndOnAsWordsNotBooleans() {
        LanguageLexicon en = Lexicons.defaults().language("en");

        assertThat(en.function).contains("no", "yes", "on");
        assertThat(en.abbreviations).contains("no").doesNotContain("false");
    }

    @Test
    void shouldCompileCuesIntoATrie() {
        LanguageLexicon id = Lexicons.defaults().language("id");
        assertThat(id.cues.exact("mengatakan")).isNotNull();
        assertThat(id.cues.exact("katanya").forms()).containsExactly(FormType.NYA);
        assertThat(id.cues.exact("dibantah").forms()).containsExactly(FormType.PASSIVE);
    }
}
