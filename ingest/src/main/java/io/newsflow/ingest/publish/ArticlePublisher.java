package io.newsflow.ingest.publish;

import io.newsflow.avro.RawArticle;
import io.newsflow.common.ops.Health;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a raw article, keyed by its id, together with the ledger entries that record it: the article and its
 * entries are stored as one unit (all of them or none), so that a crash can neither lose an article nor send it
 * twice. The future completes when the unit is durably stored.
 */
public interface ArticlePublisher extends AutoCloseable {

    CompletableFuture<Void> publish(RawArticle article, List<LedgerEntry> ledgerEntries);

    /** Sends what is buffered and waits for the acknowledgements. */
    void flush();

    /** Whether sending works; DEGRADED while retrying a fault of the broker, DOWN when it gave up. */
    default Health health() {
        return Health.up("sending");
    }

    @Override
    void close();
}
