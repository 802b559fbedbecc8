package io.newsflow.sink.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.FailureReason;
import io.newsflow.schemas.Backoff;
import io.newsflow.schemas.registry.SchemaRegistryException;
import io.newsflow.schemas.serde.RegistryUnavailableException;
import io.newsflow.sink.errors.ErrorAction;
import io.newsflow.sink.errors.ErrorPolicy;
import io.newsflow.sink.errors.ErrorRule;
import io.newsflow.sink.errors.FailureClassifier;
import io.newsflow.sink.errors.FaultCause;
import io.newsflow.sink.errors.IndexingError;
import io.newsflow.sink.offsets.OffsetLedger.Ticket;
import io.newsflow.sink.write.PendingRecord;
import io.newsflow.sink.write.RetryQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The decisions, with a fake clock: no threads, no HTTP, no consumer. */
class SettlementTest {

    static final TopicPartition P0 = new TopicPartition("articles.clean", 0);
    static final IndexingError REJECTED_429 = IndexingError.item(429, "es_rejected_execution_exception", "queue full");
    static final IndexingError WRITE_BLOCK = IndexingError.item(403, "cluster_block_exception",
            "index [articles-000001] blocked by: [FORBIDDEN/8/index write (api)];");

    private final FakeClock clock = new FakeClock();
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60),
            RandomGenerator.of("L64X128MixRandom"));
    private Settlement settlement = settlement(List.of(), 3);

    private Settlement settlement(List<ErrorRule> rules, int threshold) {
        return new Settlement(new FailureClassifier(ErrorPolicy.withOverrides(rules)),
                new RejectionBreaker(threshold, Duration.ofSeconds(30), backoff, clock), backoff, clock);
    }

    static PendingRecord record(long offset) {
        String id = "article-" + offset;
        return new PendingRecord(new Ticket<>(P0, offset, 1), id.getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 0, 0, 0, 1, 2}, Map.of(), id);
    }

    @Test
    void shouldRetryA429WithCappedBackoffAndNoAttemptLimit() {
        PendingRecord record = record(0);
        Settlement.Retry last = null;
        for (int attempt = 1; attempt <= 200; attempt++) {
            Settlement.Decision decision = settlement.itemFailed(record, REJECTED_429);
            assertThat(decision).isInstanceOf(Settlement.Retry.class);
            last = (Settlement.Retry) decision;
            assertThat(last.delay()).isLessThanOrEqualTo(Duration.ofSeconds(60));
        }
        assertThat(last.delay()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(last.due()).isEqualTo(clock.instant().plus(last.delay()));
        assertThat(last.kind()).isEqualTo(RetryQueue.Kind.INDEX);
        assertThat(last.failure().cause()).isEqualTo(FaultCause.OVERLOADED);
    }

    @Test
    void shouldRetryAWriteBlockAndARequestWithoutAnswerForever() {
        PendingRecord record = record(0);
        for (int attempt = 1; attempt <= 50; attempt++) {
            assertThat(settlement.itemFailed(record, WRITE_BLOCK)).isInstanceOfSatisfying(Settlement.Retry.class,
                    retry -> assertThat(retry.failure().cause()).isEqualTo(FaultCause.CLUSTER_BLOCK));
            assertThat(settlement.requestFailed(record, IndexingError.noResponse(new java.net.ConnectException())))
                    .isInstanceOfSatisfying(Settlement.Retry.class,
                            retry -> assertThat(retry.failure().cause()).isEqualTo(FaultCause.UNREACHABLE));
        }
        assertThat(record.attempts()).isEqualTo(100);
    }

    @Test
    void shouldDeadLetterARejectedDocumentOnceANeighbourIsIndexed() {
        PendingRecord bad = record(1);

        Settlement.Decision decision = settlement.itemFailed(bad,
                IndexingError.item(400, "document_parsing_exception", "[1:52] failed to parse field [publishedAt]"));
        assertThat(decision).isEqualTo(new Settlement.Hold(false));

        RejectionBreaker.Verdicts verdicts = settlement.succeeded(record(2));
        assertThat(verdicts.resend()).isEmpty();
        assertThat(verdicts.deadLetter()).singleElement().satisfies(suspect -> {
            assertThat(suspect.record()).isSameAs(bad);
            assertThat(suspect.letter().getReason()).isEqualTo(FailureReason.REJECTED_BY_INDEX);
            assertThat(suspect.letter().getErrorClass()).isEqualTo("document_parsing_exception");
            assertThat(suspect.letter().getMessage()).contains("publishedAt");
        });
    }

    @Test
    void shouldSendARequestLevelRejectionAgainAloneBeforeDeadLetteringIt() {
        PendingRecord record = record(0);
        IndexingError tooLong = IndexingError.request(413, "content_too_long", "request too large");

        assertThat(settlement.requestFailed(record, tooLong)).isInstanceOf(Settlement.Isolate.class);
        assertThat(record.isolated()).isTrue();
        assertThat(settlement.requestFailed(record, tooLong)).isEqualTo(new Settlement.Hold(false));
    }

    @Test
    void shouldRetryDecodingWhileTheRegistryIsUnavailable() {
        PendingRecord record = record(0);
        RegistryUnavailableException unavailable = new RegistryUnavailableException("cannot read yet",
                new SchemaRegistryException("http://registry", "fetch schema 1", null, 0, 0, "no answer", null));

        assertThat(settlement.undecodable(record, unavailable)).isInstanceOfSatisfying(Settlement.Retry.class,
                retry -> {
                    assertThat(retry.kind()).isEqualTo(RetryQueue.Kind.INDEX);
                    assertThat(retry.failure().cause()).isEqualTo(FaultCause.REGISTRY_UNAVAILABLE);
                });
    }

    @Test
    void shouldHoldUndecodableBytesForTheirVerdictAndDeadLetterThemAsUndecodable() {
        PendingRecord record = record(0);

        assertThat(settlement.undecodable(record, new SerializationException("Unknown magic byte")))
                .isEqualTo(new Settlement.Hold(false));
        clock.advance(Duration.ofSeconds(30));

        assertThat(settlement.due().deadLetter()).singleElement().satisfies(suspect ->
                assertThat(suspect.letter().getReason()).isEqualTo(FailureReason.UNDECODABLE));
    }

    @Test
    void shouldRetryAFailedDeadLetterSendWithoutLimit() {
        PendingRecord record = record(0);
        for (int attempt = 0; attempt < 30; attempt++) {
            assertThat(settlement.deadLetterFailed(record, new org.apache.kafka.common.errors.TimeoutException("x")))
                    .isInstanceOfSatisfying(Settlement.Retry.class, retry -> {
                        assertThat(retry.kind()).isEqualTo(RetryQueue.Kind.DEAD_LETTER);
                        assertThat(retry.failure().cause()).isEqualTo(FaultCause.DEAD_LETTER_TOPIC_UNAVAILABLE);
                    });
        }
    }

    @Test
    void shouldStopOnlyWhereAConfiguredRuleSaysFatal() {
        IndexingError missing = IndexingError.item(404, "index_not_found_exception", "no such index [articles]");
        assertThat(settlement.itemFailed(record(0), missing)).isInstanceOf(Settlement.Retry.class);

        settlement = settlement(List.of(ErrorRule.type("index_not_found_exception", ErrorAction.FATAL)), 3);

        assertThat(settlement.itemFailed(record(0), missing)).isInstanceOfSatisfying(Settlement.Stop.class,
                stop -> assertThat(stop.message()).contains("articles.clean-0@0").contains("index_not_found_exception"));
    }
}
