package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.common.ops.Health;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.SpamRemoval;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.rules.InvalidRulesException;
import io.newsflow.enrich.rules.RuleSet;
import io.newsflow.enrich.statements.StatementTagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingCleanerTest {
    private static final LanguageGuesser LANGUAGES = LanguageGuesser.defaults();
    private static final Function<RuleSet, ArticleCleaner> BUILD = rules -> new ArticleCleaner(rules.spamRules(),
            LANGUAGES, StatementTagger.load(rules.lexicons()), ArticleCleaner.DEFAULT_MIN_WORDS);
    private static final String ARTICLE = """
            Pemerintah kota mengumumkan jadwal perbaikan jalan yang akan dimulai pekan depan dan berlangsung selama \
            tiga bulan menurut keterangan dinas pekerjaan umum setempat kepada wartawan di balai kota.

            Warga diminta mencari jalan lain selama perbaikan berlangsung karena sebagian ruas akan ditutup pada \
            siang hari, kata kepala dinas yang memimpin pekerjaan itu.

            Pedagang di sepanjang jalan tersebut berharap perbaikan selesai tepat waktu agar pembeli kembali datang             seperti biasa, sementara dinas berjanji memasang rambu petunjuk di setiap persimpangan yang terdampak.

            Dukung kami dengan berlangganan hari ini
            """;
    private static final String RULE = """
            rules:
              - id: local-support
                version: %d
                kind: pattern
                category: boilerplate
                description: Our CMS's subscription prompt.
                patterns: ['^dukung kami.*$']
            """;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static List<SpamRemoval> removals(ReloadingCleaner cleaner) {
        CleanResult result = cleaner.clean(ArticleInput.ofBytes("a.txt", "text/plain",
                ARTICLE.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(result).isInstanceOf(CleanResult.Cleaned.class);
        return ((CleanResult.Cleaned) result).article().spamRemoved();
    }

    private double reloads(String outcome) {
        return meters.counter("newsflow.enrich.rules.reloads", "outcome", outcome).count();
    }

    @Test
    void shouldApplyAChangedUserFileWithoutARestartAndKeepTheOldRulesWhenAChangeIsInvalid() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yml"), "# nothing of our own yet\n");
        try (ReloadingCleaner cleaner = ReloadingCleaner.start(new RuleSet.UserFiles(List.of(file), List.of()), BUILD,
                Duration.ofMillis(50), meters)) {
            String initial = cleaner.fingerprint();
            assertThat(initial).isEqualTo(RuleSet.builtIn().fingerprint());
            assertThat(removals(cleaner)).extracting(SpamRemoval::rule).doesNotContain("local-support");

            Files.writeString(file, RULE.formatted(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> !cleaner.fingerprint().equals(initial));

            assertThat(removals(cleaner)).contains(
                    new SpamRemoval("Dukung kami dengan berlangganan hari ini", "local-support", 1));
            assertThat(cleaner.active().rules().spamRules().rule("local-support")).isPresent();
            assertThat(reloads("applied")).isEqualTo(1.0);
            assertThat(cleaner.health().status()).isEqualTo(Health.Status.UP);

            String good = cleaner.fingerprint();
            Files.writeString(file, """
                    rules:
                      - id: local-support
                        version: 0
                        kind: sorcery
                        description: broken
                    disable: [no-such-rule]
                    """);
            await().atMost(Duration.ofSeconds(10)).until(() -> !cleaner.rejected().isEmpty());

            assertThat(cleaner.rejected()).hasSize(3)
                    .allSatisfy(p -> assertThat(p).startsWith(file + ":"));
            assertThat(cleaner.fingerprint()).as("the previous rules stay in force").isEqualTo(good);
            assertThat(removals(cleaner)).extracting(SpamRemoval::rule).contains("local-support");
            assertThat(cleaner.health().status()).isEqualTo(Health.Status.DEGRADED);
            assertThat(cleaner.health().detail()).contains(good, file + ":4: rules[0] (local-support)");
            assertThat(reloads("rejected")).isEqualTo(1.0);

            // Replaced in one move: a watcher polling every 50 ms may otherwise read the file truncated and empty.
            Path next = Files.writeString(dir.resolve("rules.yml.next"), "# the same rule, written differently\n"
                    + RULE.formatted(1).replace("['^dukung kami.*$']", "[\"^dukung kami.*$\"]"));
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(10)).until(() -> cleaner.rejected().isEmpty());
            assertThat(cleaner.fingerprint()).as("a comment and quoting change is the same rule set").isEqualTo(good);
            assertThat(reloads("applied")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldSwapRuleSetAndCleanerTogetherSoThatAnArticleSeesOneSet() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yml"), RULE.formatted(1));
        try (ReloadingCleaner cleaner = ReloadingCleaner.start(new RuleSet.UserFiles(List.of(file), List.of()), BUILD,
                Duration.ZERO, meters)) {
            ReloadingCleaner.Active before = cleaner.active();

            Files.writeString(file, RULE.formatted(2));
            assertThat(cleaner.check()).isTrue();

            ReloadingCleaner.Active after = cleaner.active();
            assertThat(after.cleaner()).isNotSameAs(before.cleaner());
            assertThat(after.rules().fingerprint()).isNotEqualTo(before.rules().fingerprint());
            assertThat(before.rules().spamRules().rule("local-support").orElseThrow().version()).isEqualTo(1);
            assertThat(after.rules().spamRules().rule("local-support").orElseThrow().version()).isEqualTo(2);
            assertThat(removals(cleaner)).contains(
                    new SpamRemoval("Dukung kami dengan berlangganan hari ini", "local-support", 2));
        }
    }

    @Test
    void shouldRefuseToStartOnAnInvalidFile() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yml"), "rules:\n  - id: x\n    kind: sorcery\n");

        assertThatThrownBy(() -> ReloadingCleaner.start(new RuleSet.UserFiles(List.of(file), List.of()), BUILD,
                Duration.ofMillis(50), meters))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining(file + ":3: rules[0] (x): unknown kind 'sorcery'");
    }
}
