package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.CleanedArticle;
import io.newsflow.enrich.core.Degradation;
import io.newsflow.enrich.core.Stage;
import io.newsflow.enrich.core.TestCleaner;
import io.newsflow.stack.junit.SharedFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A stage that throws, runs out of time or reads a cut page degrades the article; it is never lost. */
class StageDegradationTest {
    private static byte[] seed;

    @BeforeAll
    static void readSeed() throws IOException {
        seed = Files.readAllBytes(SharedFolder.path("samples/geneva-talks.id.txt"));
    }

    private static ArticleInput seedAt(String url) {
        return ArticleInput.ofBytes(url, "text/plain", seed, Instant.EPOCH);
    }

    private static StageHook failing(Stage failing) {
        return (stage, input) -> {
            if (stage == failing) {
                throw new IllegalStateException("injected failure with page text in its message");
            }
        };
    }

    /** The default bounds with a budget of 2 s. */
    private static final CleaningLimits TWO_SECONDS = new CleaningLimits(CleaningLimits.DEFAULT_MAX_PAGE_BYTES,
            CleaningLimits.DEFAULT_MAX_ELEMENTS, Duration.ofSeconds(2));

    private static CleanedArticle cleaned(CleanResult result) {
        assertThat(result).isInstanceOf(CleanResult.Cleaned.class);
        return ((CleanResult.Cleaned) result).article();
    }

    /** The article's one degradation, checked to be of {@code stage} and {@code cause}. */
    private static Degradation onlyDegradation(CleanedArticle article, Stage stage, Degradation.Cause cause) {
        assertThat(article.degraded()).hasSize(1);
        Degradation d = article.degraded().getFirst();
        assertThat(d.stage()).isEqualTo(stage);
        assertThat(d.cause()).isEqualTo(cause);
        return d;
    }

    private static CleanedArticle withFailing(Stage stage) {
        return cleaned(TestCleaner.with(CleaningLimits.defaults(), List.of(failing(stage)), System::nanoTime)
                .clean(seedAt("seed.txt")));
    }

    @Test
    void shouldCleanTheSeedWithNothingDegraded() {
        CleanedArticle article = cleaned(TestCleaner.get().clean(seedAt("seed.txt")));
        assertThat(article.degraded()).isEmpty();
        assertThat(article.statements()).isNotEmpty();
    }

    @Test
    void shouldPublishWithoutStatementsAndSayWhyWhenTaggingThrows() {
        CleanedArticle article = withFailing(Stage.STATEMENTS);

        assertThat(article.statements()).isEmpty();
        assertThat(article.language()).isEqualTo("id");
        assertThat(article.body().sections()).isNotEmpty();
        assertThat(onlyDegradation(article, Stage.STATEMENTS, Degradation.Cause.FAILED).error())
                .startsWith(IllegalStateException.class.getName()).contains(" at io.newsflow.").doesNotContain("page text");
    }

    @Test
    void shouldPublishWithoutALanguageAndStillTagWhenLanguageDetectionThrows() {
        CleanedArticle article = withFailing(Stage.LANGUAGE);

        assertThat(article.language()).isNull();
        assertThat(article.statements()).as("the tagger picks its lexicon from the text").isNotEmpty();
        assertThat(article.degraded()).extracting(Degradation::stage).containsExactly(Stage.LANGUAGE);
    }

    @Test
    void shouldPublishEveryBlockAsLeadWhenSegmentationThrows() {
        CleanedArticle segmented = withFailing(Stage.STATEMENTS);
        CleanedArticle article = withFailing(Stage.SEGMENTATION);

        assertThat(article.body().sections()).isEmpty();
        assertThat(article.body().lead().size()).isGreaterThan(segmented.body().lead().size());
        assertThat(article.credit()).isNull();
        assertThat(article.text()).contains(segmented.body().sections().getFirst().blocks().getFirst().text());
        assertThat(article.degraded()).extracting(Degradation::stage).containsExactly(Stage.SEGMENTATION);
    }

    @Test
    void shouldPublishUnstrippedTextWhenSpamStrippingThrows() {
        CleanedArticle stripped = cleaned(TestCleaner.get().clean(seedAt("seed.txt")));
        CleanedArticle article = withFailing(Stage.SPAM);

        assertThat(article.spamRemoved()).isEmpty();
        assertThat(article.text()).contains(stripped.spamRemoved().getFirst().text());
        assertThat(article.degraded()).extracting(Degradation::stage).containsExactly(Stage.SPAM);
    }

    @Test
    void shouldLetAnExtractionFailureThroughForTheDeadLetterTopic() {
        ArticleCleaner cleaner = TestCleaner.with(CleaningLimits.defaults(), List.of(failing(Stage.EXTRACTION)), System::nanoTime);
        assertThatThrownBy(() -> cleaner.clean(seedAt("seed.txt"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldSkipTheStagesLeftWhenTheTimeBudgetIsSpent() {
        AtomicLong nanos = new AtomicLong();
        StageHook slowLanguage = (stage, input) -> {
            if (stage == Stage.LANGUAGE) {
                nanos.addAndGet(Duration.ofSeconds(3).toNanos()); // the language stage "takes" 3 s of a 2 s budget
            }
        };
        CleanedArticle article = cleaned(TestCleaner.with(TWO_SECONDS, List.of(slowLanguage), nanos::get)
                .clean(seedAt("seed.txt")));

        assertThat(article.language()).as("the stage that overran still finished").isEqualTo("id");
        assertThat(article.statements()).isEmpty();
        assertThat(onlyDegradation(article, Stage.STATEMENTS, Degradation.Cause.TIME_BUDGET).error())
                .isEqualTo("time budget of 2000 ms spent after 3000 ms");
    }

    @Test
    void shouldStopTaggingInsideTheStageWhenTheBudgetRunsOutThere() {
        AtomicLong nanos = new AtomicLong();
        List<Stage> seen = new ArrayList<>();
        // every read of the clock inside tagging moves it on by 100 ms: a stage that becomes slow while it runs
        StageHook clockMovesDuringTagging = (stage, input) -> seen.add(stage);
        CleanedArticle article = cleaned(TestCleaner.with(TWO_SECONDS, List.of(clockMovesDuringTagging),
                () -> seen.contains(Stage.STATEMENTS) ? nanos.addAndGet(100_000_000L) : nanos.get())
                .clean(seedAt("seed.txt")));

        assertThat(seen).contains(Stage.STATEMENTS);
        assertThat(article.statements()).isEmpty();
        onlyDegradation(article, Stage.STATEMENTS, Degradation.Cause.TIME_BUDGET);
    }

    @Test
    void shouldCutAPageOverTheByteLimitAndSaySo() {
        StringBuilder page = new StringBuilder(new String(seed, StandardCharsets.UTF_8));
        while (page.length() < 40_000) {
            page.append("\n\nfiller paragraph that pads the page beyond the byte bound of this test.");
        }
        byte[] bytes = page.toString().getBytes(StandardCharsets.UTF_8);
        ArticleCleaner cleaner = TestCleaner.with(new CleaningLimits(seed.length, 1_000, Duration.ofSeconds(2)), List.of(),
                System::nanoTime);

        CleanedArticle article = cleaned(cleaner.clean(ArticleInput.ofBytes("big.txt", "text/plain", bytes, Instant.EPOCH)));

        assertThat(article.text()).doesNotContain("filler paragraph");
        assertThat(onlyDegradation(article, Stage.EXTRACTION, Degradation.Cause.INPUT_LIMIT).error())
                .isEqualTo("page of " + bytes.length + " bytes cut to its first " + seed.length + " (enrich.maxPageBytes)");
    }

    @Test
    void shouldReadOnlyTheFirstElementsOfAPageOverTheElementLimit() {
        StringBuilder html = new StringBuilder("<html><head><title>Bendungan Baru</title></head><body><article>");
        for (int i = 0; i < 40; i++) {
            html.append("<p>Paragraf nomor ").append(i).append(" tentang bendungan baru yang dibangun pemerintah di hulu"
                    + " sungai untuk mengendalikan banjir musiman di wilayah itu.</p>");
        }
        html.append("</article></body></html>");
        ArticleCleaner cleaner = TestCleaner.with(new CleaningLimits(1 << 20, 25, Duration.ofSeconds(2)), List.of(),
                System::nanoTime);

        CleanedArticle article = cleaned(cleaner.clean(ArticleInput.ofBytes("https://example.org/dam", "text/html",
                html.toString().getBytes(StandardCharsets.UTF_8), Instant.EPOCH)));

        assertThat(article.text()).contains("Paragraf nomor 0 ").doesNotContain("Paragraf nomor 39 ");
        assertThat(onlyDegradation(article, Stage.EXTRACTION, Degradation.Cause.INPUT_LIMIT).error())
                .isEqualTo("page of 46 elements cut to its first 25 (enrich.maxElements)");
    }

    @Test
    void shouldLoadTheStageHooksOnTheClassPathOnce() {
        assertThat(StageHook.installed()).singleElement().isInstanceOf(UrlMarkedStageFailure.class);
        assertThat(StageHook.installed()).isSameAs(StageHook.installed());

        // TestCleaner.get() is built without hooks of its own, so with the installed ones
        CleanedArticle article = cleaned(TestCleaner.get()
                .clean(seedAt("https://example.org/seed#" + UrlMarkedStageFailure.MARK + "STATEMENTS")));

        assertThat(article.degraded()).extracting(Degradation::stage).containsExactly(Stage.STATEMENTS);
    }
}
