package io.newsflow.app.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The record of redriven dead letters, kept in a compacted topic ({@code dlq.redrivenTopic}): key
 * {@code <dead-letter topic>:<partition>:<offset>}, value a small JSON note of where it went and when. Written in
 * the same Kafka transaction as the redriven record, so a dead letter is in the ledger exactly when its original
 * was put back. A tombstone for a key forgets it: that dead letter may then be redriven again.
 */
public final class RedriveLedger {
    private final String deadLetterTopic;
    private final Set<String> redriven = new HashSet<>();

    public RedriveLedger(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    /** The ledger key of a dead letter at {@code position} of the dead-letter topic. */
    public String key(DlqPosition position) {
        return deadLetterTopic + ":" + position;
    }

    /** Applies one ledger record as read from the topic, in order: a value records, a tombstone forgets. */
    public void apply(byte[] key, byte[] value) {
        if (key == null) {
            return;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            redriven.remove(text);
        } else {
            redriven.add(text);
        }
    }

    public Set<String> redriven() {
        return Set.copyOf(redriven);
    }

    /** The ledger record's value for a redrive done at {@code at}. */
    public static byte[] entry(RedriveDecision.Redrive redrive, Instant at) {
        return ("{\"redrivenTo\":\"" + redrive.topic() + "\",\"reason\":\"" + redrive.reason() + "\",\"at\":\"" + at
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
