package io.newsflow.ingest.testing;

import io.newsflow.avro.RawArticle;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.ingest.publish.LedgerEntry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps what was published, and writes the ledger entries that came with each article to a ledger store (as the
 * Kafka publisher does, in the article's transaction); can be told to fail the next sends, which then store
 * neither the article nor its entries.
 */
public final class RecordingPublisher implements ArticlePublisher {
    private final List<RawArticle> published = new CopyOnWriteArrayList<>();
    private final MemoryLedgerStore ledger;
    private volatile boolean failing;

    /** The entries go to a store of its own. */
    public RecordingPublisher() {
        this(new MemoryLedgerStore());
    }

    /** The entries go to {@code ledger}, which a restarted pipeline reads. */
    public RecordingPublisher(MemoryLedgerStore ledger) {
        this.ledger = ledger;
    }

    public List<RawArticle> published() {
        return List.copyOf(published);
    }

    public void failing(boolean fail) {
        this.failing = fail;
    }

    @Override
    public CompletableFuture<Void> publish(RawArticle article, List<LedgerEntry> ledgerEntries) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
        }
        published.add(article);
        ledgerEntries.forEach(entry -> ledger.write(entry.key(), entry.value()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
