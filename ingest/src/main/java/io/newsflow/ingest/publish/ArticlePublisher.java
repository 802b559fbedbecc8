package io.newsflow.ingest.publish;

import io.newsflow.avro.RawArticle;
import java.util.concurrent.CompletableFuture;

/** Sends a raw article, keyed by its id; completes when the broker acknowledged it. */
public interface ArticlePublisher extends AutoCloseable {

    CompletableFuture<Void> publish(RawArticle article);

    /** Sends what is buffered and waits for the acknowledgements. */
    void flush();

    @Override
    void close();
}
