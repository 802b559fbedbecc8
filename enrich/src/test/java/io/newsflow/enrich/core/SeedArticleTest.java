package io.newsflow.enrich.core;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed page (geneva-talks.id.txt) against every non-statement fact of geneva-talks.expected.yaml. */
class SeedArticleTest {
    private static CleanedArticle article;

    @BeforeAll
    static void clean() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedFolder.path("samples/geneva-talks.id.txt"));
        CleanResult result = TestCleaner.get().clean(ArticleInput.ofBytes("geneva-talks.id.txt", null, bytes, Instant.EPOCH));
        assertThat(result).isInstanceOf(CleanResult.Cleaned.class);
        article = ((CleanResult.Cleaned) result).article();
    }

    @Test
    void shouldReadTheSeedAsIndonesianWithItsTitleAndCredit() {
        assertThat(article.language()).isEqualTo("id");
        assertThat(article.title()).isEqualTo("Pembicaraan Keamanan AS-Rusia: Apa yang Kami Ketahui");
        assertThat(article.credit()).isEqualTo("AFP");
    }

    @Test
    void shouldLoseExactlyTwoSpamLinesOfItsFooter() {
        assertThat(article.spamRemoved()).extracting(SpamRemoval::text).containsExactly("sbobet", "By gacor88");
        assertThat(article.spamRemoved()).allSatisfy(r -> assertThat(r.rule()).startsWith("spam-"));
        assertThat(article.text()).doesNotContain("sbobet").doesNotContain("gacor").doesNotContain("AFP melaporkan");
    }

    @Test
    void shouldHaveThreeLeadParagraphsAndFiveSectionsWithTheirHeadingsAndBlocks() {
        assertThat(article.body().lead()).hasSize(3).allSatisfy(b -> assertThat(b.kind()).isEqualTo(BlockKind.PARAGRAPH));
        assertThat(article.body().sections()).extracting(Section::heading)
                .containsExactly("Takut akan invasi", "Sanksi", "Ekspansi NATO", "Militer dan rudal", "Apa sekarang?");
        assertThat(article.body().sections()).extracting(s -> s.blocks().size()).containsExactly(2, 2, 2, 3, 5);
    }

    @Test
    void shouldReadLinesAsListItems() {
        List<Block> sanksi = article.body().sections().get(1).blocks();
        assertThat(sanksi).allSatisfy(b -> assertThat(b.kind()).isEqualTo(BlockKind.ITEM));
        assertThat(sanksi.get(0).text()).startsWith("Sherman mengancam sanksi");
    }
}
