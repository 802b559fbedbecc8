package io.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.Stage;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Instant NOW = Instant.parse("2025-02-01T12:00:00.250Z");
    private static final String CONTENT = "Secret article body that must never leak";

    @Test
    void shouldNeverEchoTheExceptionMessage() {
        var parseError = new IllegalArgumentException("Unexpected token near: " + CONTENT,
                new UncheckedIOException(CONTENT, new java.io.IOException(CONTENT)));

        DeadLetter letter = DeadLetters.failure(Stage.ENRICH, FailureReason.EXTRACTION_FAILED, "HTML could not be parsed")
                .cause(parseError)
                .failedAt(NOW)
                .build();

        assertThat(letter.getMessage())
                .doesNotContain("Secret")
                .isEqualTo("HTML could not be parsed (java.lang.IllegalArgumentException caused by"
                        + " java.io.UncheckedIOException caused by java.io.IOException)");
        assertThat(letter.getErrorClass()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(letter.getStage()).isEqualTo(Stage.ENRICH);
        assertThat(letter.getReason()).isEqualTo(FailureReason.EXTRACTION_FAILED);
        assertThat(letter.getFailedAt()).isEqualTo(NOW);
    }

    @Test
    void shouldCutLongMessagesAndStripControlCharacters() {
        DeadLetter letter = DeadLetters.failure(Stage.SINK, FailureReason.OTHER, "line one\n\tline two " + "x".repeat(1000))
                .failedAt(NOW)
                .build();

        assertThat(letter.getMessage()).hasSize(DeadLetters.MAX_MESSAGE_LENGTH)
                .startsWith("line one line two x")
                .endsWith("…")
                .doesNotContain("\n", "\t");
        assertThat(letter.getErrorClass()).isEqualTo(DeadLetters.NO_ERROR_CLASS);
    }

    @Test
    void shouldUseAnotherSystemsErrorTypeAsErrorClass() {
        DeadLetter letter = DeadLetters.failure(Stage.SINK, FailureReason.REJECTED_BY_INDEX, "Elasticsearch rejected it")
                .errorType("mapper_parsing_exception")
                .failedAt(NOW)
                .build();

        assertThat(letter.getErrorClass()).isEqualTo("mapper_parsing_exception");
    }

    @Test
    void shouldKeepTheOriginalRecordAndWhereItCameFrom() {
        Headers headers = new RecordHeaders()
                .add("traceparent", bytes("00-abc-01"))
                .add("empty", null);

        DeadLetter letter = DeadLetters.failure(Stage.ENRICH, FailureReason.UNDECODABLE, "value is not Avro")
                .articleId("abc")
                .source("articles.raw", 2, 1234L)
                .original(bytes("abc"), new byte[] {1, 2, 3})
                .originalHeaders(headers)
                .failedAt(NOW)
                .build();

        assertThat(letter.getSourceTopic()).isEqualTo("articles.raw");
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(1234L);
        assertThat(letter.getArticleId()).isEqualTo("abc");
        assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(bytes("abc")));
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(letter.getOriginalHeaders())
                .containsEntry("traceparent", ByteBuffer.wrap(bytes("00-abc-01")))
                .containsEntry("empty", ByteBuffer.wrap(new byte[0]));
    }

    @Test
    void shouldRefuseADeadLetterWithoutTime() {
        var builder = DeadLetters.failure(Stage.INGEST, FailureReason.FETCH_REFUSED, "robots.txt forbids it");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("failedAt");
    }

    @Test
    void shouldMirrorTheDescriptionInHeaders() {
        DeadLetter letter = DeadLetters.failure(Stage.SINK, FailureReason.REJECTED_BY_INDEX, "rejected")
                .errorType("mapper_parsing_exception")
                .source("articles.clean", 0, 7L)
                .failedAt(NOW)
                .build();

        Headers headers = DeadLetterHeaders.of(letter);

        assertThat(text(headers, DeadLetterHeaders.STAGE)).isEqualTo("SINK");
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("REJECTED_BY_INDEX");
        assertThat(text(headers, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("mapper_parsing_exception");
        assertThat(text(headers, DeadLetterHeaders.MESSAGE)).isEqualTo("rejected");
        assertThat(text(headers, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("articles.clean");
        assertThat(text(headers, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(text(headers, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("7");
        assertThat(text(headers, DeadLetterHeaders.FAILED_AT)).isEqualTo("2025-02-01T12:00:00.250Z");
        assertThat(DeadLetters.failure(Stage.SINK, FailureReason.OTHER, "x").failedAt(NOW).build())
                .extracting(DeadLetterHeaders::of)
                .satisfies(h -> assertThat(h.lastHeader(DeadLetterHeaders.SOURCE_TOPIC)).isNull());
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepTheFirstBytesThatFitBesideTheRecordsFramingAndSaySo() {
        int kept = DeadLetters.keptOriginalBytes(10_000, 3_000);

        assertThat(kept).isEqualTo(10_000 - 3_000 - RecordSizes.RECORD_OVERHEAD_BYTES);
        assertThat(DeadLetters.keptOriginalBytes(500, 3_000)).isZero();
        assertThat(DeadLetters.cutNote(kept, 10_000)).isEqualTo("; originalValue holds its first 5976 of 10000 bytes");
    }
}
