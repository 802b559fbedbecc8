package io.newsflow.app.dlq;

import io.newsflow.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a redrive does with one dead letter: put its original back on the topic it came from, or skip it and say
 * why. Decided by {@link #of} without a broker.
 */
public sealed interface RedriveDecision {

    /** Put back: the original key, value and headers, to the source topic. */
    record Redrive(DlqPosition position, String reason, String topic, byte[] key, byte[] value,
            Map<String, byte[]> headers) implements RedriveDecision {}

    /** The filter does not ask for it. */
    record NotSelected(DlqPosition position) implements RedriveDecision {}

    /** The ledger says an earlier redrive put it back already. */
    record AlreadyRedriven(DlqPosition position, String reason) implements RedriveDecision {}

    /** It cannot be put back; {@code why} is a fixed phrase the summary counts by. */
    record NotRedrivable(DlqPosition position, String reason, String why) implements RedriveDecision {}

    String TRUNCATED = "truncated original: only its first bytes were kept";
    String NO_SOURCE_TOPIC = "no source topic recorded";
    String NO_ORIGINAL_VALUE = "no original value recorded";
    String UNREADABLE = "the dead letter itself does not decode as a DeadLetter";

    /**
     * @param position where the dead letter sits on the dead-letter topic
     * @param letter the decoded dead letter
     * @param facts its facts (from {@link DeadLetterFacts#of})
     * @param redriven the ledger: keys of the dead letters already redriven
     * @param ledgerKey the ledger key of this dead letter
     * @param inputTopics the topics records may be put back on (the pipeline's inputs: raw and clean)
     */
    static RedriveDecision of(DlqPosition position, DeadLetter letter, DeadLetterFacts facts, RedriveFilter filter,
            Set<String> redriven, String ledgerKey, Set<String> inputTopics) {
        if (!filter.selects(facts)) {
            return new NotSelected(position);
        }
        if (redriven.contains(ledgerKey)) {
            return new AlreadyRedriven(position, facts.reason());
        }
        if (facts.truncated()) {
            return new NotRedrivable(position, facts.reason(), TRUNCATED);
        }
        String topic = letter.getSourceTopic();
        if (topic == null) {
            return new NotRedrivable(position, facts.reason(), NO_SOURCE_TOPIC);
        }
        if (!inputTopics.contains(topic)) {
            return new NotRedrivable(position, facts.reason(), "source topic '" + topic + "' is not a pipeline input "
                    + inputTopics.stream().sorted().toList());
        }
        if (letter.getOriginalValue() == null) {
            return new NotRedrivable(position, facts.reason(), NO_ORIGINAL_VALUE);
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        letter.getOriginalHeaders().forEach((name, value) -> headers.put(name, bytes(value)));
        return new Redrive(position, facts.reason(), topic,
                letter.getOriginalKey() == null ? null : bytes(letter.getOriginalKey()), bytes(letter.getOriginalValue()),
                headers);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
