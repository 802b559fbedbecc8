package io.newsflow.sink.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.document.ArticleDocuments;
import io.newsflow.sink.errors.ErrorAction;
import io.newsflow.sink.errors.ErrorPolicy;
import io.newsflow.sink.errors.IndexingError;
import io.newsflow.sink.index.IndexSetup;
import io.newsflow.sink.offsets.OffsetLedger;
import io.newsflow.sink.write.Backoff;
import io.newsflow.sink.write.BulkOutcome;
import io.newsflow.sink.write.DeadLetterPublisher;
import io.newsflow.sink.write.PendingRecord;
import io.newsflow.sink.write.RetryQueue;
import io.newsflow.sink.write.SinkDeadLetters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink: one thread polls the clean topic, turns records into bulk operations for elasticsearch-java's
 * {@link BulkIngester}, and settles what comes back. The ingester's listener only queues results; the poll thread
 * alone touches the consumer, the offset ledger and the retry queue, so none of them needs a lock.
 *
 * <ul>
 *   <li>Offsets: committed from the {@link OffsetLedger}, i.e. only the unbroken run of records that are done
 *       (acknowledged, stale, or dead-lettered with the dead letter acknowledged); asynchronously every
 *       {@code commitInterval}, synchronously on revocation and shutdown.
 *   <li>Failures: the {@link ErrorPolicy} decides per item or per request. Retried records wait in the
 *       {@link RetryQueue} with {@link Backoff}, their partitions paused while the consumer keeps polling.
 *   <li>Memory: at most {@code maxInFlight} records are held (plus one poll's worth); at the bound every partition
 *       is paused until results come back.
 * </ul>
 */
public final class ArticleSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArticleSink.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);
    private static final Duration PING_INTERVAL = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SinkSettings settings;
    private final String topic;
    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Deserializer<CleanArticle> deserializer;
    private final ElasticsearchAsyncClient elasticsearch;
    private final DeadLetterPublisher deadLetters;
    private final ErrorPolicy errorPolicy;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration shutdownTimeout;
    private final Consumer<Throwable> onFatal;
    private final SinkMetrics metrics;
    private final SinkHealth health = new SinkHealth();

    private final BulkIngester<PendingRecord> ingester;
    private final BulkIngester<PendingRecord> isolatedIngester;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final OffsetLedger<TopicPartition> ledger = new OffsetLedger<>();
    private final RetryQueue retries = new RetryQueue();
    private final AtomicBoolean pingOutstanding = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final IndexSetup indexSetup;
    private final Thread thread;

    private volatile boolean stopping;
    private volatile Throwable fatal;
    private int held;
    private boolean overBound;
    private long nextCommitNanos;
    private long nextPingNanos;

    private ArticleSink(Builder builder) {
        this.settings = builder.settings;
        this.topic = builder.topic;
        this.consumer = builder.consumer;
        this.deserializer = builder.deserializer;
        this.elasticsearch = builder.elasticsearch;
        this.deadLetters = builder.deadLetters;
        this.errorPolicy = ErrorPolicy.withOverrides(settings.errorPolicy());
        this.backoff = new Backoff(settings.retry().backoffBase(), settings.retry().backoffMax(), builder.random);
        this.clock = builder.clock;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.onFatal = builder.onFatal;
        this.metrics = new SinkMetrics(builder.meters);
        this.indexSetup = builder.indexSetup;
        Listener listener = new Listener();
        SinkSettings.Bulk bulk = settings.bulk();
        this.ingester = BulkIngester.of(b -> b.client(elasticsearch)
                .maxOperations(bulk.maxActions())
                .maxSize(bulk.maxBytes())
                .maxConcurrentRequests(bulk.concurrentRequests())
                .flushInterval(bulk.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .globalSettings(g -> g.requireAlias(true))
                .listener(listener));
        // A request-level rejection cannot be pinned on one record: its records are sent again one per request.
        this.isolatedIngester = BulkIngester.of(b -> b.client(elasticsearch)
                .maxOperations(1)
                .maxConcurrentRequests(1)
                .globalSettings(g -> g.requireAlias(true))
                .listener(listener));
        this.thread = new Thread(this::run, "newsflow-sink");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the poll thread. */
    public ArticleSink start() {
        log.info("Sink starting on {} -> alias {} (group {}); error policy {}", topic, settings.index().alias(),
                settings.groupId(), errorPolicy.rules().stream().map(r -> r.match() + "=" + r.action()).toList());
        health.running(true);
        thread.start();
        return this;
    }

    public SinkHealth health() {
        return health;
    }

    /** Stops polling, waits (up to the shutdown timeout) for what is in flight, commits what was acknowledged. */
    @Override
    public void close() {
        stopping = true;
        stopSignal.countDown();
        consumer.wakeup();
        try {
            thread.join(shutdownTimeout.plusSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the poll thread has ended. */
    public boolean isStopped() {
        return !thread.isAlive();
    }

    private void run() {
        try {
            if (!prepareIndex()) {
                return;
            }
            consumer.subscribe(List.of(topic), new Rebalance());
            while (!stopping) {
                step();
            }
            drain();
        } catch (Throwable e) {
            if (fatal == null) {
                fatal = e;
            }
            log.error("Sink stopped by an unexpected error: {}", e.toString(), e);
        } finally {
            shutDown();
        }
        if (fatal != null) {
            health.fatal(fatal.getMessage());
            onFatal.accept(fatal);
        }
    }

    /**
     * Installs the index template and write alias before the first poll, waiting for Elasticsearch (with backoff,
     * health DEGRADED) as long as it does not answer: a sink started before Elasticsearch simply waits for it.
     *
     * @return false when the sink was stopped while waiting
     */
    private boolean prepareIndex() throws InterruptedException {
        if (indexSetup == null) {
            return true;
        }
        int attempt = 0;
        while (!stopping) {
            try {
                indexSetup.ensure();
                health.elasticsearchReachable();
                return true;
            } catch (IOException e) {
                Duration wait = backoff.delay(++attempt);
                health.elasticsearchUnreachable(e.toString());
                log.warn("Elasticsearch not reachable for the index setup ({}); trying again in {} ms", e.toString(),
                        wait.toMillis());
                stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    private void step() {
        settleCompletions();
        resubmitDue();
        controlFlow();
        commitIfDue();
        pingIfDue();
        boolean allPaused = !consumer.assignment().isEmpty()
                && consumer.paused().containsAll(consumer.assignment());
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(allPaused ? Duration.ZERO : POLL_TIMEOUT);
        } catch (WakeupException e) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            accept(record);
        }
        if (allPaused && records.isEmpty()) {
            awaitCompletion();
        }
    }

    // ---- records in ----

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!ledger.isAssigned(partition)) {
            ledger.assign(partition, record.offset());
        }
        PendingRecord pending = new PendingRecord(ledger.track(partition, record.offset()), record.key(),
                record.value(), headersOf(record), key);
        held++;
        if (record.value() == null) {
            if (key == null) {
                deadLetter(pending, SinkDeadLetters.unusable(pending,
                        "tombstone without a key: no document to delete", clock.instant()));
                return;
            }
            pending.operation(delete(key, record.timestamp()));
        } else {
            CleanArticle article;
            try {
                article = deserializer.deserialize(record.topic(), record.headers(), record.value());
                if (article == null) {
                    throw new IllegalArgumentException("the deserializer returned no article");
                }
            } catch (RuntimeException e) {
                log.warn("Cannot read {}: {}; dead-lettering it", pending, e.getClass().getSimpleName());
                deadLetter(pending, SinkDeadLetters.undecodable(pending,
                        "value is not a CleanArticle in the registry's wire format", e, clock.instant()));
                return;
            }
            pending.operation(index(article));
        }
        send(pending);
    }

    private BulkOperation index(CleanArticle article) {
        byte[] document;
        try {
            document = JSON.writeValueAsBytes(ArticleDocuments.toDocument(article));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the document of article " + article.getId(), e);
        }
        long version = ArticleDocuments.version(article);
        return BulkOperation.of(op -> op.index(i -> i.index(settings.index().alias())
                .id(article.getId())
                .version(version)
                .versionType(VersionType.ExternalGte)
                .document(BinaryData.of(document, "application/json"))));
    }

    /**
     * A tombstone deletes with the record's timestamp as external version: it removes what was fetched before the
     * tombstone was written, not a newer version that was indexed meanwhile.
     */
    private BulkOperation delete(String id, long timestamp) {
        return BulkOperation.of(op -> op.delete(d -> {
            d.index(settings.index().alias()).id(id);
            if (timestamp >= 0) {
                d.version(timestamp).versionType(VersionType.ExternalGte);
            }
            return d;
        }));
    }

    private void send(PendingRecord pending) {
        (pending.isolated() ? isolatedIngester : ingester).add(pending.operation(), pending);
    }

    // ---- results back ----

    private void settleCompletions() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            settle(completion);
        }
    }

    private void awaitCompletion() {
        long waitNanos = IDLE_WAIT.toNanos();
        OptionalLong nextDue = retries.nextDueNanos();
        if (nextDue.isPresent()) {
            waitNanos = Math.max(0, Math.min(waitNanos, nextDue.getAsLong() - System.nanoTime()));
        }
        try {
            Completion completion = completions.poll(waitNanos, TimeUnit.NANOSECONDS);
            if (completion != null) {
                settle(completion);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void settle(Completion completion) {
        switch (completion) {
            case BulkCompleted done -> settleBulk(done);
            case BulkFailed failed -> settleFailedRequest(failed);
            case DeadLetterAcknowledged ack -> settleDeadLetter(ack);
        }
    }

    private void settleBulk(BulkCompleted done) {
        metrics.bulkLatency(done.latency());
        health.elasticsearchReachable();
        List<BulkResponseItem> items = done.response().items();
        for (int i = 0; i < items.size(); i++) {
            PendingRecord pending = done.records().get(i);
            if (!ledger.isPending(pending.ticket())) {
                released(pending);
                continue;
            }
            switch (BulkOutcome.of(items.get(i))) {
                case BulkOutcome.Indexed indexed -> {
                    metrics.indexed();
                    completed(pending);
                }
                case BulkOutcome.Deleted deleted -> {
                    metrics.deleted();
                    completed(pending);
                }
                case BulkOutcome.Stale stale -> {
                    metrics.stale();
                    log.debug("{}: the index holds a newer version; skipped", pending);
                    completed(pending);
                }
                case BulkOutcome.Failed failed -> itemFailed(pending, failed.error());
            }
        }
    }

    private void itemFailed(PendingRecord pending, IndexingError error) {
        ErrorAction action = errorPolicy.actionFor(error);
        switch (action) {
            case RETRY -> {
                pending.failedItem();
                int budget = settings.retry().maxItemAttempts();
                if (budget > 0 && pending.itemFailures() >= budget) {
                    log.warn("{}: Elasticsearch refused it {} times ({} {}); retry budget spent, dead-lettering it",
                            pending, pending.itemFailures(), error.status(), error.type());
                    deadLetter(pending, SinkDeadLetters.rejected(pending, error.type(),
                            "retry budget of " + budget + " attempts spent; last error: " + error.reason(),
                            clock.instant()));
                } else {
                    retryLater(pending, RetryQueue.Kind.INDEX, error);
                }
            }
            case DEAD_LETTER -> {
                log.warn("{}: Elasticsearch rejected the document ({} {}); dead-lettering it",
                        pending, error.status(), error.type());
                deadLetter(pending, SinkDeadLetters.rejected(pending, error.type(), error.reason(), clock.instant()));
            }
            case FATAL -> fail(pending, error);
        }
    }

    private void settleFailedRequest(BulkFailed failed) {
        IndexingError error = requestError(failed.cause());
        metrics.requestFailed();
        if (error.status() == IndexingError.NO_RESPONSE) {
            health.elasticsearchUnreachable(error.reason());
        }
        ErrorAction action = errorPolicy.actionFor(error);
        log.warn("Bulk request of {} records failed ({} {}: {}); action {}", failed.records().size(),
                error.status(), error.type(), error.reason(), action);
        for (PendingRecord pending : failed.records()) {
            if (!ledger.isPending(pending.ticket())) {
                released(pending);
                continue;
            }
            switch (action) {
                case RETRY -> {
                    pending.failedRequest();
                    retryLater(pending, RetryQueue.Kind.INDEX, error);
                }
                case DEAD_LETTER -> {
                    if (pending.isolated()) {
                        deadLetter(pending, SinkDeadLetters.rejected(pending, error.type(), error.reason(),
                                clock.instant()));
                    } else {
                        pending.isolate();
                        send(pending);
                    }
                }
                case FATAL -> fail(pending, error);
            }
        }
    }

    private static IndexingError requestError(Throwable cause) {
        if (cause instanceof ElasticsearchException e) {
            return IndexingError.request(e.status(), e.error().type(), e.error().reason());
        }
        if (cause instanceof TransportException e && e.statusCode() > 0) {
            return IndexingError.request(e.statusCode(), "http_" + e.statusCode(), e.getMessage());
        }
        return IndexingError.noResponse(cause);
    }

    private void settleDeadLetter(DeadLetterAcknowledged ack) {
        PendingRecord pending = ack.record();
        if (!ledger.isPending(pending.ticket())) {
            released(pending);
            return;
        }
        if (ack.error() == null) {
            DeadLetter letter = pending.deadLetter();
            metrics.deadLettered(letter.getReason().name(), letter.getErrorClass());
            completed(pending);
        } else {
            pending.failedRequest();
            retryLater(pending, RetryQueue.Kind.DEAD_LETTER,
                    IndexingError.request(0, ack.error().getClass().getSimpleName(), ack.error().getMessage()));
        }
    }

    private void retryLater(PendingRecord pending, RetryQueue.Kind kind, IndexingError error) {
        Duration delay = backoff.delay(pending.attempts());
        if (pending.attempts() == 1) {
            log.info("{}: {} failed ({} {}); retrying in {} ms", pending,
                    kind == RetryQueue.Kind.INDEX ? "indexing" : "dead letter", error.status(), error.type(),
                    delay.toMillis());
        } else {
            log.debug("{}: attempt {} failed ({}); retrying in {} ms", pending, pending.attempts(), error.type(),
                    delay.toMillis());
        }
        retries.schedule(pending, System.nanoTime() + delay.toNanos(), kind);
        metrics.retried();
    }

    private void resubmitDue() {
        for (RetryQueue.Waiting waiting : retries.takeDue(System.nanoTime())) {
            PendingRecord pending = waiting.record();
            if (!ledger.isPending(pending.ticket())) {
                released(pending);
            } else if (waiting.kind() == RetryQueue.Kind.INDEX) {
                send(pending);
            } else {
                publish(pending);
            }
        }
    }

    private void deadLetter(PendingRecord pending, DeadLetter letter) {
        pending.deadLetter(letter);
        publish(pending);
    }

    private void publish(PendingRecord pending) {
        deadLetters.publish(pending, pending.deadLetter(),
                error -> completions.add(new DeadLetterAcknowledged(pending, error)));
    }

    private void fail(PendingRecord pending, IndexingError error) {
        if (fatal == null) {
            fatal = new SinkStoppedException("Elasticsearch refused " + pending + " with " + error.status() + " "
                    + error.type() + ": " + error.reason() + " (fatal by the error policy: every record would fail"
                    + " the same way; fix it and restart, nothing after the last acknowledged offset is lost)");
            log.error("{}", fatal.getMessage());
        }
        stopping = true;
    }

    private void completed(PendingRecord pending) {
        ledger.complete(pending.ticket());
        held--;
    }

    private void released(PendingRecord pending) {
        held--;
    }

    // ---- flow, commits, health ----

    private void controlFlow() {
        Set<TopicPartition> assignment = consumer.assignment();
        boolean nowOverBound = held >= settings.maxInFlight();
        if (nowOverBound && !overBound) {
            log.debug("{} records held (bound {}); pausing every partition", held, settings.maxInFlight());
            ingester.flush();
        }
        overBound = nowOverBound;
        Set<TopicPartition> wanted = new HashSet<>(overBound ? assignment : retries.partitions());
        wanted.retainAll(assignment);
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> toPause = wanted.stream().filter(p -> !paused.contains(p)).toList();
        List<TopicPartition> toResume = paused.stream()
                .filter(p -> assignment.contains(p) && !wanted.contains(p))
                .toList();
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        metrics.pausedPartitions(wanted.size());
        metrics.inFlight(held);
        health.waitingForRetry(retries.size());
        health.assignedPartitions(assignment.size());
    }

    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - nextCommitNanos < 0) {
            return;
        }
        nextCommitNanos = now + settings.commitInterval().toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(ledger.uncommitted());
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    committed.forEach((partition, offset) -> ledger.markCommitted(partition, offset.offset()));
                } else {
                    log.warn("Committing offsets failed ({}); the next commit carries them", error.toString());
                }
            });
        }
        recordLag();
    }

    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>(ledger.uncommitted());
        positions.keySet().retainAll(partitions);
        Map<TopicPartition, OffsetAndMetadata> offsets = toCommit(positions);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> ledger.markCommitted(partition, offset.offset()));
            log.info("Committed {}", positionsForLog(offsets));
        } catch (RuntimeException e) {
            log.warn("Committing {} failed ({}); those records will be read again", positionsForLog(offsets),
                    e.toString());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> toCommit(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        positions.forEach((partition, position) -> offsets.put(partition, new OffsetAndMetadata(position)));
        return offsets;
    }

    private static List<String> positionsForLog(Map<TopicPartition, OffsetAndMetadata> offsets) {
        List<String> out = new ArrayList<>();
        offsets.forEach((partition, offset) -> out.add(partition + "@" + offset.offset()));
        return out;
    }

    private void recordLag() {
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong fetchLag = consumer.currentLag(partition);
            OptionalLong committable = ledger.commitPosition(partition);
            if (fetchLag.isPresent() && committable.isPresent()) {
                long end = consumer.position(partition) + fetchLag.getAsLong();
                metrics.lag(partition, Math.max(0, end - committable.getAsLong()));
            }
        }
    }

    private void pingIfDue() {
        long now = System.nanoTime();
        if (now - nextPingNanos < 0 || !pingOutstanding.compareAndSet(false, true)) {
            return;
        }
        nextPingNanos = now + PING_INTERVAL.toNanos();
        try {
            elasticsearch.cluster().health().whenComplete((response, error) -> {
                pingOutstanding.set(false);
                if (error == null) {
                    health.elasticsearchReachable();
                } else {
                    health.elasticsearchUnreachable(requestError(unwrap(error)).reason());
                }
            });
        } catch (RuntimeException e) {
            pingOutstanding.set(false);
            health.elasticsearchUnreachable(e.toString());
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
    }

    // ---- shutdown ----

    private void drain() {
        if (fatal != null) {
            return;
        }
        consumer.pause(consumer.assignment());
        ingester.flush();
        isolatedIngester.flush();
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (held > 0 && fatal == null && System.nanoTime() - deadline < 0) {
            settleCompletions();
            resubmitDue();
            try {
                consumer.poll(Duration.ZERO);
            } catch (WakeupException ignored) {
                // close() woke us; we are already draining
            }
            awaitCompletion();
        }
        if (held > 0) {
            log.warn("Stopping with {} records not yet acknowledged; they will be read again", held);
        }
    }

    private void shutDown() {
        try {
            commitSync(consumer.assignment());
        } catch (RuntimeException e) {
            log.warn("Final commit failed: {}", e.toString());
        }
        closeQuietly("consumer", consumer::close);
        closeQuietly("bulk ingester", ingester::close);
        closeQuietly("isolated bulk ingester", isolatedIngester::close);
        closeQuietly("dead-letter producer", deadLetters::close);
        health.running(false);
        log.info("Sink stopped");
    }

    private static void closeQuietly(String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            log.warn("Closing the {} failed: {}", what, e.toString());
        }
    }

    private static Map<String, byte[]> headersOf(ConsumerRecord<byte[], byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? new byte[0] : header.value());
        }
        return headers;
    }

    // ---- rebalances ----

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitSync(partitions);
            forget(partitions);
            log.info("Partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
            log.warn("Partitions lost (not committed): {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // The consumer resumes each partition from the group's committed offset; the ledger starts a new
            // generation at the first record delivered (accept), so nothing here waits on the broker.
            forget(partitions);
            log.info("Partitions assigned: {}", partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            ledger.revoke(partitions);
            held -= retries.drop(partitions);
        }
    }

    // ---- what the listener and the producer hand back ----

    private sealed interface Completion {}

    private record BulkCompleted(List<PendingRecord> records, BulkResponse response, Duration latency)
            implements Completion {}

    private record BulkFailed(List<PendingRecord> records, Throwable cause, Duration latency) implements Completion {}

    private record DeadLetterAcknowledged(PendingRecord record, Exception error) implements Completion {}

    private final class Listener implements BulkListener<PendingRecord> {
        private final Map<Long, Long> started = new ConcurrentHashMap<>();

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<PendingRecord> contexts) {
            started.put(executionId, System.nanoTime());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingRecord> contexts,
                BulkResponse response) {
            completions.add(new BulkCompleted(List.copyOf(contexts), response, latency(executionId)));
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingRecord> contexts,
                Throwable failure) {
            completions.add(new BulkFailed(List.copyOf(contexts), unwrap(failure), latency(executionId)));
        }

        private Duration latency(long executionId) {
            Long start = started.remove(executionId);
            return start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        }
    }

    /** Raised when the error policy calls an error fatal. */
    public static final class SinkStoppedException extends RuntimeException {
        SinkStoppedException(String message) {
            super(message);
        }
    }

    /** Collects the sink's collaborators; {@link #build()} checks that none is missing. */
    public static final class Builder {
        private SinkSettings settings;
        private String topic;
        private org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
        private Deserializer<CleanArticle> deserializer;
        private ElasticsearchAsyncClient elasticsearch;
        private DeadLetterPublisher deadLetters;
        private MeterRegistry meters;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Consumer<Throwable> onFatal = error -> {};
        private IndexSetup indexSetup;

        public Builder settings(SinkSettings value) {
            this.settings = value;
            return this;
        }

        public Builder topic(String value) {
            this.topic = value;
            return this;
        }

        /** A consumer of raw bytes in the sink's group, auto-commit off. */
        public Builder consumer(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> value) {
            this.consumer = value;
            return this;
        }

        public Builder deserializer(Deserializer<CleanArticle> value) {
            this.deserializer = value;
            return this;
        }

        public Builder elasticsearch(ElasticsearchAsyncClient value) {
            this.elasticsearch = value;
            return this;
        }

        public Builder deadLetters(DeadLetterPublisher value) {
            this.deadLetters = value;
            return this;
        }

        public Builder meters(MeterRegistry value) {
            this.meters = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder random(RandomGenerator value) {
            this.random = value;
            return this;
        }

        /** How long a clean stop waits for in-flight records before committing what was acknowledged. */
        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = value;
            return this;
        }

        /** Called on the poll thread after a fatal error stopped the sink. */
        public Builder onFatal(Consumer<Throwable> value) {
            this.onFatal = value;
            return this;
        }

        /** Run on the poll thread before the first poll, retried until Elasticsearch answers (optional). */
        public Builder indexSetup(IndexSetup value) {
            this.indexSetup = value;
            return this;
        }

        public ArticleSink build() {
            List<String> missing = new ArrayList<>();
            if (settings == null) missing.add("settings");
            if (topic == null) missing.add("topic");
            if (consumer == null) missing.add("consumer");
            if (deserializer == null) missing.add("deserializer");
            if (elasticsearch == null) missing.add("elasticsearch");
            if (deadLetters == null) missing.add("deadLetters");
            if (meters == null) missing.add("meters");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("ArticleSink needs " + String.join(", ", missing));
            }
            return new ArticleSink(this);
        }
    }
}
