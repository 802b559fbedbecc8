package io.newsflow.app.dlq;

import io.newsflow.avro.DeadLetter;
import io.newsflow.schemas.DeadLetterHeaders;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * What the dlq commands count and filter on, from a dead letter's {@link DeadLetterHeaders} (so counting needs no
 * registry) or from the decoded {@link DeadLetter}.
 *
 * @param sourceTopic the topic the failed record was read from; null when the writer did not say
 * @param truncated the dead letter carries the first bytes of its original only ({@code TOO_LARGE}, or a header
 *     {@link DeadLetterHeaders#ORIGINAL_SIZE}): it cannot be put back
 */
public record DeadLetterFacts(String stage, String reason, String sourceTopic, Instant failedAt, boolean truncated) {
    public static final String TOO_LARGE = "TOO_LARGE";

    /** The facts the headers give, or empty when a header the commands need (reason, failure time) is missing. */
    public static Optional<DeadLetterFacts> fromHeaders(Map<String, String> headers) {
        String reason = headers.get(DeadLetterHeaders.REASON);
        String failedAt = headers.get(DeadLetterHeaders.FAILED_AT);
        if (reason == null || failedAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeadLetterFacts(headers.getOrDefault(DeadLetterHeaders.STAGE, "?"), reason,
                    headers.get(DeadLetterHeaders.SOURCE_TOPIC), Instant.parse(failedAt),
                    TOO_LARGE.equals(reason) || headers.containsKey(DeadLetterHeaders.ORIGINAL_SIZE)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The facts of a decoded dead letter; {@code headers} are the record's, for the truncation mark. */
    public static DeadLetterFacts of(DeadLetter letter, Map<String, String> headers) {
        String reason = letter.getReason().name();
        return new DeadLetterFacts(letter.getStage().name(), reason, letter.getSourceTopic(), letter.getFailedAt(),
                TOO_LARGE.equals(reason) || headers.containsKey(DeadLetterHeaders.ORIGINAL_SIZE));
    }

    /** The source topic as the tables show it. */
    public String sourceTopicOrUnknown() {
        return sourceTopic == null ? "(unknown)" : sourceTopic;
    }
}
