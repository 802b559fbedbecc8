package io.newsflow.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RedriveDecisionTest {
    private static final Set<String> INPUTS = Set.of("articles.raw", "articles.clean");
    private static final Instant DAY1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-02T10:00:00Z");
    private final RedriveLedger ledger = new RedriveLedger("articles.dlq");

    private static DeadLetter letter(FailureReason reason, String topic, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t1".getBytes(StandardCharsets.UTF_8));
        return DeadLetters.failure(Stage.ENRICH, reason, "no main text found").articleId("a1")
                .source(topic, 0, 7).original("a1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 42})
                .originalHeaders(headers).failedAt(at).build();
    }

    private RedriveDecision decide(DeadLetter letter, Map<String, String> headers, RedriveFilter filter,
            Set<String> redriven) {
        DlqPosition position = new DlqPosition(1, 5);
        return RedriveDecision.of(position, letter, DeadLetterFacts.of(letter, headers), filter, redriven,
                ledger.key(position), INPUTS);
    }

    @Test
    void shouldRedriveTheOriginalKeyValueAndHeadersToTheSourceTopic() {
        RedriveDecision decision = decide(letter(FailureReason.NOT_AN_ARTICLE, "articles.raw", DAY1), Map.of(),
                RedriveFilter.ALL, Set.of());

        assertThat(decision).isInstanceOfSatisfying(RedriveDecision.Redrive.class, redrive -> {
            assertThat(redrive.topic()).isEqualTo("articles.raw");
            assertThat(redrive.key()).isEqualTo("a1".getBytes(StandardCharsets.UTF_8));
            assertThat(redrive.value()).containsExactly(0, 0, 0, 0, 1, 42);
            assertThat(redrive.headers()).containsOnlyKeys("trace");
            assertThat(redrive.reason()).isEqualTo("NOT_AN_ARTICLE");
        });
    }

    @Test
    void shouldSkipADeadLetterTheLedgerRecordsAsRedriven() {
        ledger.apply(ledger.key(new DlqPosition(1, 5)).getBytes(StandardCharsets.UTF_8), "{}".getBytes());

        assertThat(decide(letter(FailureReason.NOT_AN_ARTICLE, "articles.raw", DAY1), Map.of(), RedriveFilter.ALL,
                ledger.redriven())).isInstanceOf(RedriveDecision.AlreadyRedriven.class);
    }

    @Test
    void shouldForgetALedgerEntryOnATombstone() {
        byte[] key = ledger.key(new DlqPosition(1, 5)).getBytes(StandardCharsets.UTF_8);
        ledger.apply(key, "{}".getBytes());
        ledger.apply(key, null);

        assertThat(ledger.redriven()).isEmpty();
        assertThat(ledger.key(new DlqPosition(1, 5))).isEqualTo("articles.dlq:1:5");
    }

    @Test
    void shouldNeverRedriveATooLargeOrTruncatedDeadLetter() {
        assertThat(decide(letter(FailureReason.TOO_LARGE, "articles.raw", DAY1), Map.of(), RedriveFilter.ALL, Set.of()))
                .isInstanceOfSatisfying(RedriveDecision.NotRedrivable.class,
                        n -> assertThat(n.why()).isEqualTo(RedriveDecision.TRUNCATED));
        assertThat(decide(letter(FailureReason.OTHER, "articles.raw", DAY1),
                Map.of(DeadLetterHeaders.ORIGINAL_SIZE, "9000000"), RedriveFilter.ALL, Set.of()))
                .isInstanceOf(RedriveDecision.NotRedrivable.class);
    }

    @Test
    void shouldNotRedriveToATopicThatIsNotAPipelineInput() {
        assertThat(decide(letter(FailureReason.OTHER, "somewhere.else", DAY1), Map.of(), RedriveFilter.ALL, Set.of()))
                .isInstanceOfSatisfying(RedriveDecision.NotRedrivable.class,
                        n -> assertThat(n.why()).contains("somewhere.else"));
    }

    @Test
    void shouldSelectByReasonTimeAndTopic() {
        DeadLetter day1 = letter(FailureReason.NOT_AN_ARTICLE, "articles.raw", DAY1);
        RedriveFilter rejectedByIndex = new RedriveFilter(Set.of("REJECTED_BY_INDEX"), TimeWindow.ALL, Optional.empty());
        RedriveFilter fromDay2 = new RedriveFilter(Set.of(), TimeWindow.of(Instant.parse("2026-12-02T00:00:00Z"), null),
                Optional.empty());
        RedriveFilter clean = new RedriveFilter(Set.of(), TimeWindow.ALL, Optional.of("articles.clean"));

        assertThat(List.of(rejectedByIndex, fromDay2, clean)).allSatisfy(filter ->
                assertThat(decide(day1, Map.of(), filter, Set.of())).isInstanceOf(RedriveDecision.NotSelected.class));
        assertThat(decide(letter(FailureReason.NOT_AN_ARTICLE, "articles.raw", DAY2), Map.of(), fromDay2, Set.of()))
                .isInstanceOf(RedriveDecision.Redrive.class);
    }

    @Test
    void shouldSummariseRedrivenAlreadyAndNotRedrivable() {
        RedriveSummary summary = new RedriveSummary(false);
        DeadLetter ok = letter(FailureReason.NOT_AN_ARTICLE, "articles.raw", DAY1);
        summary.count(decide(ok, Map.of(), RedriveFilter.ALL, Set.of()));
        summary.count(decide(ok, Map.of(), RedriveFilter.ALL, Set.of("articles.dlq:1:5")));
        summary.count(decide(letter(FailureReason.TOO_LARGE, "articles.raw", DAY1), Map.of(), RedriveFilter.ALL,
                Set.of()));

        assertThat(summary.redriven()).isEqualTo(1);
        assertThat(summary.alreadyRedriven()).isEqualTo(1);
        assertThat(summary.notRedrivable()).isEqualTo(1);
        assertThat(summary.lines()).contains("redriven 1", "skipped, already redriven 1", "skipped, not redrivable 1")
                .anySatisfy(line -> assertThat(line).contains("NOT_AN_ARTICLE -> articles.raw"))
                .anySatisfy(line -> assertThat(line).contains("TOO_LARGE: truncated original"));
    }

    @Test
    void shouldParseInstantsAndDatesAndRefuseAMalformedTimeNamingTheFormat() {
        assertThat(TimeWindow.parseTime("2026-12-01")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(TimeWindow.parseTime("2026-12-01T10:15:30+07:00")).isEqualTo(Instant.parse("2026-12-01T03:15:30Z"));
        assertThatThrownBy(() -> TimeWindow.parseTime("yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday' is not a time").hasMessageContaining("2026-12-01T10:15:30Z");
        assertThatThrownBy(() -> TimeWindow.of(DAY2, DAY1)).hasMessageContaining("must be before");
    }

    @Test
    void shouldCountByTopicReasonAndDayInsideTheWindow() {
        DeadLetterCounts counts = new DeadLetterCounts(TimeWindow.of(null, Instant.parse("2026-12-03T00:00:00Z")));
        Map<String, String> headers = Map.of(DeadLetterHeaders.REASON, "NOT_AN_ARTICLE",
                DeadLetterHeaders.SOURCE_TOPIC, "articles.raw", DeadLetterHeaders.FAILED_AT, DAY1.toString());
        counts.add(DeadLetterFacts.fromHeaders(headers).orElseThrow());
        counts.add(DeadLetterFacts.fromHeaders(headers).orElseThrow());
        counts.add(DeadLetterFacts.of(letter(FailureReason.REJECTED_BY_INDEX, "articles.clean", DAY2), Map.of()));
        counts.add(DeadLetterFacts.of(letter(FailureReason.OTHER, "articles.raw",
                Instant.parse("2026-12-05T00:00:00Z")), Map.of()));

        assertThat(counts.total()).isEqualTo(3);
        assertThat(counts.counts()).containsOnly(
                Map.entry(new DeadLetterCounts.Row("articles.raw", "NOT_AN_ARTICLE",
                        java.time.LocalDate.parse("2026-12-01")), 2L),
                Map.entry(new DeadLetterCounts.Row("articles.clean", "REJECTED_BY_INDEX",
                        java.time.LocalDate.parse("2026-12-02")), 1L));
        assertThat(counts.table().getLast()).contains("total").endsWith("3");
        assertThat(DeadLetterFacts.fromHeaders(Map.of(DeadLetterHeaders.REASON, "OTHER"))).isEmpty();
    }

    @Test
    void shouldParseAPartitionOffsetPositionAndRefuseOtherForms() {
        assertThat(DlqPosition.parse("2:1043")).isEqualTo(new DlqPosition(2, 1043));
        assertThat(DlqPosition.looksLikePosition("article-1")).isFalse();
        assertThatThrownBy(() -> DlqPosition.parse("2-1043")).hasMessageContaining("PARTITION:OFFSET");
    }

    @Test
    void shouldPreviewTextAsTextAndBinaryAsHex() {
        assertThat(DeadLetterDescription.preview("héllo".getBytes(StandardCharsets.UTF_8), 80)).isEqualTo("\"héllo\"");
        assertThat(DeadLetterDescription.preview(new byte[] {0, 1, (byte) 0xff}, 2)).isEqualTo("hex 00 01 … (3 bytes)");
    }
}
