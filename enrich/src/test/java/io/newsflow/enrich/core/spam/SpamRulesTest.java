package io.newsflow.enrich.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.core.SpamRemoval;
import io.newsflow.enrich.core.extract.ExtractedBlock;
import io.newsflow.enrich.core.extract.ExtractedBlock.Kind;
import io.newsflow.enrich.core.extract.ExtractedPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spam rule files. */
class SpamRulesTest {
    private static final String PROSE = "Pemerintah kota mengumumkan jadwal baru pengangkutan sampah di seluruh kecamatan"
            + " mulai pekan depan, kata juru bicara.";

    private static ExtractedPage page(String... lines) {
        List<ExtractedBlock> blocks = new java.util.ArrayList<>();
        blocks.add(new ExtractedBlock(Kind.PARAGRAPH, PROSE));
        for (String line : lines) {
            blocks.add(new ExtractedBlock(Kind.PARAGRAPH, line));
        }
        return new ExtractedPage("Judul", null, null, blocks, List.of());
    }

    @Test
    void shouldGiveEveryBuiltInRuleAUniqueIdAVersionAndADescription() {
        List<SpamRule> rules = SpamRules.defaults().rules();
        assertThat(rules).extracting(SpamRule::id).doesNotHaveDuplicates()
                .contains("spam-footer-terms", "spam-byline-handle", "spam-link-farm", "boilerplate-baca-juga");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.version()).isPositive();
            assertThat(r.header().description()).isNotBlank();
        });
    }

    @Test
    void shouldLetAUserFileAddTermsAndRulesAndDisableOthers(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), """
                terms:
                  strong: [hokijitu]
                disable: [boilerplate-advertisement]
                rules:
                  - id: local-promo
                    version: 3
                    kind: pattern
                    category: boilerplate
                    description: Our CMS's own promo line.
                    patterns: ['^langganan sekarang.*$']
                """);
        SpamRules rules = SpamRules.withUserFile(file);
        SpamStripper stripper = new SpamStripper(rules);

        List<SpamRemoval> removed = stripper.strip(page("hokijitu", "ADVERTISEMENT", "Langganan sekarang, gratis!")).removals();

        assertThat(removed).containsExactly(
                new SpamRemoval("hokijitu", "spam-footer-terms", 1),
                new SpamRemoval("Langganan sekarang, gratis!", "local-promo", 3));
        assertThat(rules.rule("boilerplate-advertisement")).isEmpty();
    }

    @Test
    void shouldRefuseABadUserFileListingEveryProblem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yml"), """
                disable: [no-such-rule]
                rules:
                  - id: broken
                    version: 0
                    kind: pattern
                    description: x
                    patterns: ['(unclosed']
                  - id: odd
                    version: 1
                    kind: sorcery
                    description: y
                """);
        assertThatThrownBy(() -> SpamRules.withUserFile(file))
                .isInstanceOf(InvalidSpamRulesException.class)
                .satisfies(e -> assertThat(((InvalidSpamRulesException) e).problems()).hasSize(4)
                        .anySatisfy(p -> assertThat(p).contains("bad.yml").contains("(broken)").contains("version"))
                        .anySatisfy(p -> assertThat(p).contains("(broken)").contains("does not compile"))
                        .anySatisfy(p -> assertThat(p).contains("(odd)").contains("unknown kind 'sorcery'"))
                        .anySatisfy(p -> assertThat(p).contains("no rule with id 'no-such-rule'")));
    }

    @Test
    void shouldSeeThroughLeetDigitsFullWidthInvisibleAccentedAndHomoglyphSpellings() {
        SpamStripper stripper = new SpamStripper(SpamRules.defaults());
        List<String> disguised = List.of("s10t g4c0r", "ｓｂｏｂｅｔ", "ma\u200bxw\u200cin", "g\u0301a\u0308cor", "ѕlot gасor");
        for (String line : disguised) {
            assertThat(stripper.strip(page(line)).removals()).as(line).extracting(SpamRemoval::text).containsExactly(line);
        }
    }

    @Test
    void shouldNotLatinizeAWholeCyrillicOrGreekWord() {
        assertThat(TextNormalizer.latinize("тото")).isEqualTo("тото");
        assertThat(TextNormalizer.latinize("gасor")).isEqualTo("gacor");
    }

    @Test
    void shouldKeepShortRealBylinesThatLookLikeHandles() {
        SpamStripper stripper = new SpamStripper(SpamRules.defaults());
        List<String> real = List.of("By Reuters", "By John Smith", "Oleh Andi", "By Toto Wolff", "Oleh: Redaksi");
        assertThat(stripper.strip(page(real.toArray(String[]::new))).removals()).isEmpty();
        assertThat(stripper.strip(page("By gacor88", "Oleh: slot777resmi", "Posted by sbobet_id")).removals())
                .extracting(SpamRemoval::rule).containsOnly("spam-byline-handle").hasSize(3);
    }
}
