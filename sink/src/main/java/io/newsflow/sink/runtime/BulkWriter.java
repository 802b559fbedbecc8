package io.newsflow.sink.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.avro.CleanArticle;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.document.ArticleDocuments;
import io.newsflow.sink.errors.IndexingError;
import io.newsflow.sink.index.IndexGenerations;
import io.newsflow.sink.write.PendingRecord;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Elasticsearch side of the sink: turns records into bulk operations through the write alias, owns the two
 * {@link BulkIngester}s (batched, and one record per request for records whose request-level failure must be told
 * apart from their neighbours'), and maps what Elasticsearch or the transport threw to an {@link IndexingError}.
 * Results are queued as {@link Completion}s for the poll thread; nothing here decides what a failure means.
 */
final class BulkWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BulkWriter.class);

    private final ElasticsearchAsyncClient elasticsearch;
    private final String alias;
    private final BulkIngester<PendingRecord> ingester;
    private final BulkIngester<PendingRecord> isolatedIngester;
    private final AtomicBoolean pingOutstanding = new AtomicBoolean();
    private final AtomicBoolean generationsOutstanding = new AtomicBoolean();
    private volatile IndexGenerations generations;

    BulkWriter(ElasticsearchAsyncClient elasticsearch, SinkSettings settings, Queue<Completion> completions) {
        this.elasticsearch = elasticsearch;
        this.alias = settings.index().alias();
        Listener listener = new Listener(completions);
        SinkSettings.Bulk bulk = settings.bulk();
        this.ingester = BulkIngester.of(b -> b.client(elasticsearch)
                .maxOperations(bulk.maxActions())
                .maxSize(bulk.maxBytes())
                .maxConcurrentRequests(bulk.concurrentRequests())
                .flushInterval(bulk.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .globalSettings(g -> g.requireAlias(true))
                .listener(listener));
        this.isolatedIngester = BulkIngester.of(b -> b.client(elasticsearch)
                .maxOperations(1)
                .maxConcurrentRequests(1)
                .globalSettings(g -> g.requireAlias(true))
                .listener(listener));
        this.generations = IndexGenerations.of(alias, Map.of(), Map.of());
        refreshGenerations();
    }

    /** An {@code index} of the article's document, versioned by {@code processedAt} ({@code external_gte}). */
    BulkOperation index(CleanArticle article) {
        byte[] document;
        try {
            document = JSON.writeValueAsBytes(ArticleDocuments.toDocument(article));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the document of article " + article.getId(), e);
        }
        long version = ArticleDocuments.version(article);
        return BulkOperation.of(op -> op.index(i -> i.index(alias)
                .id(article.getId())
                .version(version)
                .versionType(VersionType.ExternalGte)
                .document(BinaryData.of(document, "application/json"))));
    }

    /**
     * A tombstone deletes with the record's timestamp as external version: it removes what was fetched before the
     * tombstone was written, not a newer version that was indexed meanwhile.
     */
    BulkOperation delete(String id, long timestamp) {
        return BulkOperation.of(op -> op.delete(d -> {
            d.index(alias).id(id);
            if (timestamp >= 0) {
                d.version(timestamp).versionType(VersionType.ExternalGte);
            }
            return d;
        }));
    }

    /**
     * Deletes of the id in every other index generation: the indices behind the alias other than its write index,
     * and those behind {@link IndexGenerations#previousAlias} (a replay's old generation, kept until dropped). The
     * list is the one last read from Elasticsearch: at start, and again when a tombstone arrives (see
     * {@link #refreshGenerations}), so it is read while the tombstone's first delete is on its way.
     */
    List<BulkOperation> deletesInOtherGenerations(String id, long timestamp) {
        return generations.others().stream().map(index -> BulkOperation.of(op -> op.delete(d -> {
            d.index(index).id(id);
            if (timestamp >= 0) {
                d.version(timestamp).versionType(VersionType.ExternalGte);
            }
            return d;
        }))).toList();
    }

    /** Reads the generations behind the alias again, in the background, unless a read is already out. */
    void refreshGenerations() {
        if (!generationsOutstanding.compareAndSet(false, true)) {
            return;
        }
        try {
            elasticsearch.indices().getAlias(a -> a.index(alias + "-*")).whenComplete((response, error) -> {
                generationsOutstanding.set(false);
                if (error == null) {
                    generations = IndexGenerations.of(alias, response);
                } else {
                    log.debug("cannot list the index generations behind {} ({}); keeping {}", alias,
                            unwrap(error).getClass().getSimpleName(), generations.others());
                }
            });
        } catch (RuntimeException e) {
            generationsOutstanding.set(false);
        }
    }

    /** Queues the record's operation, alone in its request when the record is isolated. */
    void send(PendingRecord pending) {
        (pending.isolated() ? isolatedIngester : ingester).add(pending.operation(), pending);
    }

    /** Sends what the batching ingester holds now rather than at its flush interval. */
    void flushBatch() {
        ingester.flush();
    }

    void flush() {
        ingester.flush();
        isolatedIngester.flush();
    }

    /**
     * Asks {@code _cluster/health} unless a ping is already out; {@code answer} gets null when Elasticsearch
     * answered, else the error (on a client thread).
     */
    void ping(Consumer<IndexingError> answer) {
        if (!pingOutstanding.compareAndSet(false, true)) {
            return;
        }
        try {
            elasticsearch.cluster().health().whenComplete((response, error) -> {
                pingOutstanding.set(false);
                answer.accept(error == null ? null : requestError(unwrap(error)));
            });
        } catch (RuntimeException e) {
            pingOutstanding.set(false);
            answer.accept(IndexingError.noResponse(e));
        }
    }

    /** What a failed request means, as the error policy sees it. */
    static IndexingError requestError(Throwable cause) {
        if (cause instanceof ElasticsearchException e) {
            return IndexingError.request(e.status(), e.error().type(), e.error().reason());
        }
        if (cause instanceof TransportException e && e.statusCode() > 0) {
            return IndexingError.request(e.statusCode(), "http_" + e.statusCode(), e.getMessage());
        }
        return IndexingError.noResponse(cause);
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (BulkIngester<PendingRecord> each : List.of(ingester, isolatedIngester)) {
            try {
                each.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static final class Listener implements BulkListener<PendingRecord> {
        private final Queue<Completion> completions;
        private final Map<Long, Long> started = new ConcurrentHashMap<>();

        Listener(Queue<Completion> completions) {
            this.completions = completions;
        }

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<PendingRecord> contexts) {
            started.put(executionId, System.nanoTime());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingRecord> contexts,
                BulkResponse response) {
            completions.add(new Completion.BulkCompleted(List.copyOf(contexts), response, latency(executionId)));
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingRecord> contexts,
                Throwable failure) {
            completions.add(new Completion.BulkFailed(List.copyOf(contexts), unwrap(failure), latency(executionId)));
        }

        private java.time.Duration latency(long executionId) {
            Long start = started.remove(executionId);
            return start == null ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
