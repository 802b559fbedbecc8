package io.newsflow.ingest.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST SEAM, inert unless its system property is set: {@code -Dnewsflow.ingest.test.haltAfterArticleSent=N} halts
 * the JVM ({@link Runtime#halt}, as abrupt as {@code kill -9}: no shutdown hook, no flush) right after the N-th
 * article was sent to the broker, inside its open transaction, before its ledger entry is sent and before the
 * commit. {@code IngestKillIT} uses it to prove that such a crash neither loses nor repeats the article. Read once,
 * when the publisher starts; never set it in production.
 */
final class CrashSeam {
    static final String PROPERTY = "newsflow.ingest.test.haltAfterArticleSent";
    /** The exit status of the halt: that of a process killed by SIGKILL. */
    static final int HALT_STATUS = 137;
    private static final Logger log = LoggerFactory.getLogger(CrashSeam.class);
    static final CrashSeam INERT = new CrashSeam(0);

    private final int haltAt;
    private int sent;

    private CrashSeam(int haltAt) {
        this.haltAt = haltAt;
    }

    /** The seam as the system property sets it; inert when the property is absent. */
    static CrashSeam fromSystemProperties() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return INERT;
        }
        int haltAt;
        try {
            haltAt = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": not a number of articles", e);
        }
        if (haltAt < 1) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": must be at least 1");
        }
        log.warn("TEST SEAM -D{}={}: this process halts after sending article {}", PROPERTY, haltAt, haltAt);
        return new CrashSeam(haltAt);
    }

    /** Called by the transaction thread after each article's send; halts at the N-th once it reached the broker. */
    void articleSent(Producer<?, ?> producer) {
        if (haltAt == 0 || ++sent != haltAt) {
            return;
        }
        producer.flush(); // the article is on the broker, in the open transaction
        log.warn("TEST SEAM: halting after article {} was sent, before its ledger entry and the commit", sent);
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
