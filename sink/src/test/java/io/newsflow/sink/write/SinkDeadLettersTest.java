package io.newsflow.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import io.newsflow.sink.offsets.OffsetLedger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SinkDeadLettersTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static PendingRecord record() {
        return new PendingRecord(new OffsetLedger.Ticket<>(new TopicPartition("articles.clean", 2), 41L, 1),
                "a1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 7, 1},
                Map.of("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8)), "a1");
    }

    @Test
    void shouldGiveARejectedDocumentElasticsearchsTypeReasonAndItsSource() {
        DeadLetter letter = SinkDeadLetters.rejected(record(), "mapper_parsing_exception",
                "failed to parse field [wordCount] of type [integer]", NOW);

        assertThat(letter.getStage()).isEqualTo(Stage.SINK);
        assertThat(letter.getReason()).isEqualTo(FailureReason.REJECTED_BY_INDEX);
        assertThat(letter.getErrorClass()).isEqualTo("mapper_parsing_exception");
        assertThat(letter.getMessage()).isEqualTo("failed to parse field [wordCount] of type [integer]");
        assertThat(letter.getArticleId()).isEqualTo("a1");
        assertThat(letter.getSourceTopic()).isEqualTo("articles.clean");
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(41L);
        assertThat(letter.getFailedAt()).isEqualTo(NOW);
        assertThat(letter.getOriginalValue().remaining()).isEqualTo(6);
        assertThat(letter.getOriginalHeaders()).containsKey("traceparent");
    }

    @Test
    void shouldCutThePreviewOfTheDocumentsValueThatElasticsearchAppendsToItsReason() {
        DeadLetter letter = SinkDeadLetters.rejected(record(), "document_parsing_exception",
                "[1:421] failed to parse field [publishedAt] of type [date] in document with id 'a1'. "
                        + "Preview of field's value: '+1000000-01-01T00:00:00Z'", NOW);

        assertThat(letter.getMessage())
                .isEqualTo("[1:421] failed to parse field [publishedAt] of type [date] in document with id 'a1'")
                .doesNotContain("1000000");
    }

    @Test
    void shouldNameTheExceptionsClassOfAnUndecodableRecordButNotItsMessage() {
        DeadLetter letter = SinkDeadLetters.undecodable(record(), "value is not a CleanArticle",
                new IllegalArgumentException("secret body text"), NOW);

        assertThat(letter.getReason()).isEqualTo(FailureReason.UNDECODABLE);
        assertThat(letter.getErrorClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getMessage()).contains("value is not a CleanArticle").doesNotContain("secret");
    }
}
