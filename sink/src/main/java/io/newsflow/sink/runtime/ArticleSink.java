package io.newsflow.sink.runtime;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.schemas.Backoff;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.errors.ErrorPolicy;
import io.newsflow.sink.errors.Failure;
import io.newsflow.sink.errors.FailureClassifier;
import io.newsflow.sink.errors.FaultCause;
import io.newsflow.sink.errors.IndexingError;
import io.newsflow.sink.index.IndexSetup;
import io.newsflow.sink.write.BulkOutcome;
import io.newsflow.sink.write.DeadLetterPublisher;
import io.newsflow.sink.write.PendingRecord;
import io.newsflow.sink.write.RetryQueue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's poll loop: one thread polls the clean topic, hands each record to the {@link BulkWriter}, and carries
 * out what the {@link Settlement} decides for each result. The writer's listener and the dead-letter producer only
 * queue {@link Completion}s; the poll thread alone touches the consumer, the {@link OffsetCommitter}, the
 * {@link PartitionPauser} and the retry queue, so none of them needs a lock.
 *
 * <ul>
 *   <li>Offsets: committed by the {@link OffsetCommitter}, i.e. only the unbroken run of records that are done
 *       (acknowledged, stale, or dead-lettered with the dead letter acknowledged).
 *   <li>Failures: the {@link Settlement} decides per item or per request, after the {@link FailureClassifier}
 *       said whose fault it is. Environment faults wait in the {@link RetryQueue} with {@link Backoff} and no
 *       attempt limit, their partitions paused while the consumer keeps polling; a record's own fault goes through
 *       the {@link RejectionBreaker} to the dead-letter topic. While the breaker is open every partition is paused.
 *   <li>Memory: at most {@code maxInFlight} records are held (plus one poll's worth); at the bound every partition
 *       is paused until results come back.
 * </ul>
 */
public final class ArticleSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArticleSink.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);
    private static final Duration PING_INTERVAL = Duration.ofSeconds(5);

    private final SinkSettings settings;
    private final String topic;
    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Deserializer<CleanArticle> deserializer;
    private final DeadLetterPublisher deadLetters;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration shutdownTimeout;
    private final Consumer<Throwable> onFatal;
    private final SinkMetrics metrics;
    private final SinkHealth health = new SinkHealth();

    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final BulkWriter writer;
    private final Settlement settlement;
    private final OffsetCommitter offsets;
    private final PartitionPauser pauser;
    private final RetryQueue retries = new RetryQueue();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final IndexGuard indexGuard;
    private final FaultLog faultLog;
    private final Thread thread;

    private volatile boolean stopping;
    private volatile Throwable fatal;
    private int held;
    private boolean overBound;
    private long nextPingNanos;

    private ArticleSink(Builder builder) {
        this.settings = builder.settings;
        this.topic = builder.topic;
        this.consumer = builder.consumer;
        this.deserializer = builder.deserializer;
        this.deadLetters = builder.deadLetters;
        this.backoff = new Backoff(settings.retry().backoffBase(), settings.retry().backoffMax(), builder.random);
        this.clock = builder.clock;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.onFatal = builder.onFatal;
        this.metrics = new SinkMetrics(builder.meters);
        this.writer = new BulkWriter(builder.elasticsearch, settings, completions);
        this.settlement = new Settlement(new FailureClassifier(ErrorPolicy.withOverrides(settings.errorPolicy())),
                new RejectionBreaker(settings.breaker().threshold(), settings.breaker().verdictTimeout(), backoff,
                        clock),
                backoff, clock);
        this.offsets = new OffsetCommitter(consumer, settings.commitInterval(), metrics);
        this.pauser = new PartitionPauser(consumer);
        this.indexGuard = new IndexGuard(builder.indexSetup, settlement.classifier(), backoff, clock, metrics, health);
        this.faultLog = new FaultLog(clock, Duration.ofMinutes(1));
        this.thread = new Thread(this::run, "newsflow-sink");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the poll thread. */
    public ArticleSink start() {
        log.info("Sink starting on {} -> alias {} (group {}); error policy {}", topic, settings.index().alias(),
                settings.groupId(), settlement.classifier().policy().rules().stream().map(r -> r.match() + "=" + r.action())
                        .toList());
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
            if (!indexGuard.prepare(() -> stopping, stopSignal)) {
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

    private void step() {
        settleCompletions();
        resubmitDue();
        carryOut(settlement.due());
        indexGuard.repairIfDue();
        controlFlow();
        offsets.commitIfDue();
        pingIfDue();
        boolean allPaused = pauser.allPaused();
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
        PendingRecord pending = new PendingRecord(offsets.track(partition, record.offset()), record.key(),
                record.value(), headersOf(record), key);
        held++;
        if (record.value() == null) {
            if (key == null) {
                carryOut(pending, settlement.tombstoneWithoutKey(pending));
                return;
            }
            pending.operation(writer.delete(key, record.timestamp()));
            writer.refreshGenerations();
            long timestamp = record.timestamp();
            pending.followUps(() -> writer.deletesInOtherGenerations(key, timestamp));
        }
        process(pending);
    }

    /** Decodes the record unless it already has its operation, then sends it. */
    private void process(PendingRecord pending) {
        if (pending.operation() == null) {
            CleanArticle article;
            try {
                RecordHeaders headers = new RecordHeaders();
                pending.headers().forEach(headers::add);
                article = deserializer.deserialize(pending.partition().topic(), headers, pending.value());
                if (article == null) {
                    throw new IllegalArgumentException("the deserializer returned no article");
                }
            } catch (RuntimeException e) {
                log.warn("Cannot read {}: {}", pending, e.getClass().getSimpleName());
                carryOut(pending, settlement.undecodable(pending, e));
                return;
            }
            pending.operation(writer.index(article));
        }
        writer.send(pending);
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
        for (Optional<Instant> nextDue : List.of(retries.nextDue(), settlement.nextDue())) {
            if (nextDue.isPresent()) {
                long untilDue = Duration.between(clock.instant(), nextDue.get()).toNanos();
                waitNanos = Math.max(0, Math.min(waitNanos, untilDue));
            }
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
            case Completion.BulkCompleted done -> settleBulk(done);
            case Completion.BulkFailed failed -> settleFailedRequest(failed);
            case Completion.DeadLetterAcknowledged ack -> settleDeadLetter(ack);
        }
    }

    private void settleBulk(Completion.BulkCompleted done) {
        metrics.bulkLatency(done.latency());
        health.elasticsearchReachable();
        List<BulkResponseItem> items = done.response().items();
        for (int i = 0; i < items.size(); i++) {
            PendingRecord pending = done.records().get(i);
            if (!offsets.isPending(pending.ticket())) {
                released(pending);
                continue;
            }
            switch (BulkOutcome.of(items.get(i))) {
                case BulkOutcome.Indexed indexed -> {
                    metrics.indexed();
                    succeeded(pending);
                }
                case BulkOutcome.Deleted deleted -> {
                    metrics.deleted();
                    succeededOrNext(pending);
                }
                case BulkOutcome.Stale stale -> {
                    metrics.stale();
                    log.debug("{}: the index holds a newer version; skipped", pending);
                    succeededOrNext(pending);
                }
                case BulkOutcome.Failed failed -> carryOut(pending, settlement.itemFailed(pending, failed.error()));
            }
        }
    }

    /** Sends the record's next operation (a retraction's delete in the next generation), else settles it. */
    private void succeededOrNext(PendingRecord pending) {
        if (pending.nextOperation()) {
            writer.send(pending);
        } else {
            succeeded(pending);
        }
    }

    private void settleFailedRequest(Completion.BulkFailed failed) {
        IndexingError error = BulkWriter.requestError(failed.cause());
        metrics.requestFailed();
        if (error.status() == IndexingError.NO_RESPONSE) {
            health.elasticsearchUnreachable(error.reason());
        }
        Failure failure = settlement.classifier().classify(error);
        if (failure.isEnvironment() && !faultLog.warn(failure.cause())) {
            log.debug("Bulk request of {} records failed ({} {}: {})", failed.records().size(), error.status(),
                    error.type(), error.reason());
        } else {
            log.warn("Bulk request of {} records failed ({} {}: {}): {}{}", failed.records().size(), error.status(),
                    error.type(), error.reason(), failure.kind(),
                    failure.isEnvironment() ? " " + failure.cause().tag() + ", retried until it passes" : "");
        }
        for (PendingRecord pending : failed.records()) {
            if (!offsets.isPending(pending.ticket())) {
                released(pending);
                continue;
            }
            carryOut(pending, settlement.requestFailed(pending, error));
        }
    }

    private void settleDeadLetter(Completion.DeadLetterAcknowledged ack) {
        PendingRecord pending = ack.record();
        if (!offsets.isPending(pending.ticket())) {
            released(pending);
            return;
        }
        if (ack.error() == null) {
            DeadLetter letter = pending.deadLetter();
            metrics.deadLettered(letter.getReason().name(), letter.getErrorClass());
            completed(pending);
        } else {
            carryOut(pending, settlement.deadLetterFailed(pending, ack.error()));
        }
    }

    /** Does what the settlement decided for the record. */
    private void carryOut(PendingRecord pending, Settlement.Decision decision) {
        switch (decision) {
            case Settlement.Retry retry -> retryLater(pending, retry);
            case Settlement.Isolate isolate -> writer.send(pending);
            case Settlement.Hold hold -> {
                if (hold.opened()) {
                    metrics.environmentFault(FaultCause.REPEATED_REJECTION);
                    writer.flushBatch();
                }
            }
            case Settlement.DeadLetter letter -> deadLetter(pending, letter.letter());
            case Settlement.Stop stop -> fail(stop.message());
        }
    }

    /** Carries out the breaker's verdicts: dead-letter the records that are at fault, send the others again. */
    private void carryOut(RejectionBreaker.Verdicts verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        for (RejectionBreaker.Suspect suspect : verdicts.deadLetter()) {
            if (offsets.isPending(suspect.record().ticket())) {
                deadLetter(suspect.record(), suspect.letter());
            } else {
                released(suspect.record());
            }
        }
        for (PendingRecord pending : verdicts.resend()) {
            if (offsets.isPending(pending.ticket())) {
                process(pending);
            } else {
                released(pending);
            }
        }
    }

    private void succeeded(PendingRecord pending) {
        completed(pending);
        carryOut(settlement.succeeded(pending));
    }

    private void deadLetter(PendingRecord pending, DeadLetter letter) {
        log.warn("{}: its own fault ({}: {}); dead-lettering it", pending, letter.getErrorClass(),
                letter.getMessage());
        pending.deadLetter(letter);
        publish(pending);
    }

    private void retryLater(PendingRecord pending, Settlement.Retry retry) {
        Failure failure = retry.failure();
        FaultCause cause = failure.cause();
        metrics.environmentFault(cause);
        health.environmentFault(cause.tag() + ": " + failure.errorType() + " (" + cause.remedy() + ")");
        if (cause == FaultCause.NO_WRITE_INDEX) {
            indexGuard.writeIndexMissing();
        }
        if (faultLog.warn(cause)) {
            log.warn("{}: {} failed with an environment fault, {} ({}: {}); partition paused, retrying in {} ms and"
                    + " until it passes", pending, retry.kind() == RetryQueue.Kind.INDEX ? "indexing" : "dead letter",
                    cause.tag(), failure.errorType(), failure.reason(), retry.delay().toMillis());
        } else {
            log.debug("{}: attempt {} failed ({}); retrying in {} ms", pending, pending.attempts(),
                    failure.errorType(), retry.delay().toMillis());
        }
        pauser.faulted(pending);
        retries.schedule(pending, retry.due(), retry.kind());
        metrics.retried();
    }

    private void resubmitDue() {
        for (RetryQueue.Waiting waiting : retries.takeDue(clock.instant())) {
            PendingRecord pending = waiting.record();
            if (!offsets.isPending(pending.ticket())) {
                released(pending);
            } else if (waiting.kind() == RetryQueue.Kind.INDEX) {
                process(pending);
            } else {
                publish(pending);
            }
        }
    }

    private void publish(PendingRecord pending) {
        deadLetters.publish(pending, pending.deadLetter(),
                error -> completions.add(new Completion.DeadLetterAcknowledged(pending, error)));
    }

    private void fail(String message) {
        if (fatal == null) {
            fatal = new SinkStoppedException(message);
            log.error("{}", message);
        }
        stopping = true;
    }

    private void completed(PendingRecord pending) {
        offsets.complete(pending.ticket());
        pauser.settled(pending);
        held--;
    }

    private void released(PendingRecord pending) {
        pauser.settled(pending);
        held--;
    }

    // ---- flow, health ----

    private void controlFlow() {
        boolean nowOverBound = held >= settings.maxInFlight();
        if (nowOverBound && !overBound) {
            log.debug("{} records held (bound {}); pausing every partition", held, settings.maxInFlight());
            writer.flushBatch();
        }
        overBound = nowOverBound;
        RejectionBreaker breaker = settlement.breaker();
        int paused = pauser.pauseExactly(retries.partitions(), overBound || breaker.isOpen());
        metrics.pausedPartitions(paused);
        metrics.inFlight(held);
        metrics.breakerOpen(breaker.isOpen());
        health.breaker(breaker.isOpen()
                ? "circuit breaker open: every record is refused with " + breaker.openDescription() + "; "
                        + breaker.holding() + " records held, none dead-lettered, probing with backoff"
                : null);
        health.waitingForRetry(retries.size());
        if (retries.isEmpty() && pauser.faultedPartitions().isEmpty()) {
            health.environmentFault(null);
        }
        health.assignedPartitions(consumer.assignment().size());
    }

    private void pingIfDue() {
        long now = System.nanoTime();
        if (now - nextPingNanos < 0) {
            return;
        }
        nextPingNanos = now + PING_INTERVAL.toNanos();
        writer.ping(error -> {
            if (error == null) {
                health.elasticsearchReachable();
            } else {
                health.elasticsearchUnreachable(error.reason());
            }
        });
    }

    // ---- shutdown ----

    private void drain() {
        if (fatal != null) {
            return;
        }
        pauser.pauseAll();
        writer.flush();
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        // Records the breaker holds wait for a verdict that a stopping sink will not see: they are read again.
        while (held > settlement.breaker().holding() && fatal == null && System.nanoTime() - deadline < 0) {
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
            offsets.commitSync(consumer.assignment());
        } catch (RuntimeException e) {
            log.warn("Final commit failed: {}", e.toString());
        }
        closeQuietly("consumer", consumer::close);
        closeQuietly("bulk ingesters", writer::close);
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
            offsets.commitSync(partitions);
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
            offsets.revoke(partitions);
            held -= retries.drop(partitions);
            held -= settlement.forget(partitions);
            pauser.forget(partitions);
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
