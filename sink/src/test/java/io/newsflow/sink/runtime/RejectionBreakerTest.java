package io.newsflow.sink.runtime;

import static io.newsflow.sink.runtime.SettlementTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.DeadLetter;
import io.newsflow.schemas.Backoff;
import io.newsflow.sink.write.PendingRecord;
import io.newsflow.sink.write.SinkDeadLetters;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RejectionBreakerTest {

    private static final String STRICT = "strict_dynamic_mapping_exception";

    private final FakeClock clock = new FakeClock();
    private final RejectionBreaker breaker = new RejectionBreaker(3, Duration.ofSeconds(30),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), RandomGenerator.of("L64X128MixRandom")), clock);

    private RejectionBreaker.Held reject(PendingRecord record, String type, int position) {
        String reason = "[1:" + position + "] mapping set to strict, dynamic introduction of [newField] within"
                + " [_doc] is not allowed";
        DeadLetter letter = SinkDeadLetters.rejected(record, type, reason, clock.instant());
        return breaker.rejected(record, "index", type, reason, letter);
    }

    @Test
    void shouldOpenOnTheSameRejectionForThresholdDistinctRecordsInARowAndDeadLetterNone() {
        assertThat(reject(record(0), STRICT, 10)).isEqualTo(RejectionBreaker.Held.SUSPECT);
        assertThat(reject(record(1), STRICT, 77)).isEqualTo(RejectionBreaker.Held.SUSPECT);
        assertThat(reject(record(2), STRICT, 3)).isEqualTo(RejectionBreaker.Held.OPENED);

        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.openDescription()).contains(STRICT).contains("[newField]");
        assertThat(breaker.holding()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(5));
        RejectionBreaker.Verdicts due = breaker.due();
        assertThat(due.deadLetter()).isEmpty();
        assertThat(due.resend()).hasSize(1);
    }

    @Test
    void shouldCountARecordRejectedTwiceOnce() {
        PendingRecord same = record(0);
        reject(same, STRICT, 1);
        reject(same, STRICT, 1);
        assertThat(reject(record(1), STRICT, 1)).isEqualTo(RejectionBreaker.Held.SUSPECT);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void shouldNotOpenWhenASuccessComesBetweenTheRejections() {
        reject(record(0), STRICT, 1);
        reject(record(1), STRICT, 1);
        RejectionBreaker.Verdicts verdicts = breaker.succeeded(record(2));
        reject(record(3), STRICT, 1);

        assertThat(verdicts.deadLetter()).extracting(s -> s.record().offset()).containsExactly(0L, 1L);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void shouldNotOpenOnDifferentRejections() {
        reject(record(0), STRICT, 1);
        reject(record(1), "mapper_parsing_exception", 1);
        assertThat(reject(record(2), "document_parsing_exception", 1)).isEqualTo(RejectionBreaker.Held.SUSPECT);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void shouldDeadLetterALoneSuspectAfterTheVerdictTimeout() {
        reject(record(0), STRICT, 1);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.due().isEmpty()).isTrue();
        assertThat(breaker.nextDue()).contains(clock.instant().plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));

        assertThat(breaker.due().deadLetter()).extracting(s -> s.record().offset()).containsExactly(0L);
        assertThat(breaker.holding()).isZero();
    }

    @Test
    void shouldProbeWithBackoffAndCloseWhenADocumentIndexes() {
        List<PendingRecord> records = List.of(record(0), record(1), record(2), record(3));
        records.forEach(r -> reject(r, STRICT, 1));
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.due().isEmpty()).isTrue(); // the first probe waits for the backoff

        clock.advance(Duration.ofSeconds(1));
        PendingRecord probe = breaker.due().resend().getFirst();
        assertThat(breaker.due().isEmpty()).isTrue(); // one probe at a time
        reject(probe, STRICT, 1); // rejected again: stays open, next probe later
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.nextDue()).hasValueSatisfying(next -> assertThat(next).isAfter(clock.instant()));

        clock.advance(Duration.ofSeconds(8));
        PendingRecord second = breaker.due().resend().getFirst();
        RejectionBreaker.Verdicts closed = breaker.succeeded(second);

        assertThat(breaker.isOpen()).isFalse();
        assertThat(closed.deadLetter()).isEmpty();
        assertThat(closed.resend()).hasSize(3).doesNotContain(second);
        assertThat(breaker.holding()).isZero();
    }

    @Test
    void shouldForgetWhatItHoldsOfRevokedPartitions() {
        reject(record(0), STRICT, 1);
        reject(record(1), STRICT, 1);

        assertThat(breaker.forget(List.of(SettlementTest.P0))).isEqualTo(2);
        assertThat(breaker.holding()).isZero();
        assertThat(reject(record(2), STRICT, 1)).isEqualTo(RejectionBreaker.Held.SUSPECT);
    }

    @Test
    void shouldNormalisePositionsIdsAndValuePreviewsOutOfTheSignature() {
        assertThat(RejectionBreaker.signature("index", STRICT, "[1:10] failed to parse field [x] in document with"
                + " id 'abc'. Preview of field's value: 'secret'"))
                .isEqualTo(RejectionBreaker.signature("index", STRICT, "[1:999] failed to parse field [x] in document"
                        + " with id 'other-id'"));
        assertThat(RejectionBreaker.signature("index", STRICT, "field [x]"))
                .isNotEqualTo(RejectionBreaker.signature("index", STRICT, "field [y]"));
    }
}
