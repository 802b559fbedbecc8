package io.newsflow.ingest.testing;

import io.newsflow.avro.RawArticle;
import io.newsflow.ingest.publish.ArticlePublisher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what was published; can be told to fail the next sends. */
public final class RecordingPublisher implements ArticlePublisher {
    private final List<RawArticle> published = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public List<RawArticle> published() {
        return List.copyOf(published);
    }

    public void failing(boolean fail) {
        this.failing = fail;
    }

    @Override
    public CompletableFuture<Void> publish(RawArticle article) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
        }
        published.add(article);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
