package io.newsflow.ingest.kafka;

import io.newsflow.common.ops.Health;
import io.newsflow.ingest.config.PublishSettings;
import io.newsflow.schemas.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one transactional producer of ingest, driven by one thread of its own: an article goes to the broker in the
 * same transaction as the ledger entries that record it, so a crash leaves both or neither.
 *
 * <p>Group commit: a transaction begins with the first unit submitted (an article and its entries, or entries
 * alone), takes every unit submitted until {@code commitInterval} has passed (or {@code maxPerTransaction} units),
 * then commits; each unit's future completes once its transaction committed. One commit per interval, whatever the
 * number of feeds publishing at once.
 *
 * <p>Faults, told apart by {@link TransactionFaults}:
 *
 * <ul>
 *   <li>the environment's (a broker timeout, no leader, not enough replicas, an aborted transaction): the
 *       transaction is aborted and its units are sent again in a new one, after a backoff growing to
 *       {@code maxRetryBackoff}, without limit; nothing is skipped, and {@link #health()} is DEGRADED meanwhile;
 *   <li>a unit's own (a record over the size limit): that unit fails, the others are sent again without it;
 *   <li>fatal (another instance took the transactional id and fenced this one, authorization): every unit fails,
 *       {@code onFatal} is told (the service stops, exit code 1) and nothing is sent any more.
 * </ul>
 */
final class KafkaTransactions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaTransactions.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** Records stored together or not at all; {@code article} says the first record is an article. */
    record Unit(List<ProducerRecord<String, byte[]>> records, boolean article, CompletableFuture<Void> stored) {}

    /**
     * The group membership a transaction commits under (KIP-447): offsets of one owned ledger partition and the
     * consumer's group metadata. The group coordinator refuses the commit if the generation is no longer current,
     * so an instance that lost its feeds (paused past its session, cut off) cannot publish after their new owner
     * started.
     */
    record Fence(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata metadata) {}

    private final Producer<String, byte[]> producer;
    private final String transactionalId;
    private final Duration commitInterval;
    private final int maxPerTransaction;
    private final Duration maxBackoff;
    private final CrashSeam seam;
    private final BiConsumer<String, Throwable> onFatal;
    private final BlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final Thread loop;
    private volatile boolean closing;
    private volatile Throwable fatal;
    private volatile String retrying;
    private volatile long committed;
    private volatile long retries;
    private volatile Supplier<Fence> fence = () -> null;
    private volatile long fencedByGroup;

    /**
     * Takes a producer configured with a {@code transactional.id}, initialises its transactions (which fences any
     * earlier producer of that id and aborts what it left open: do this before reading the ledger), and starts the
     * thread. A broker that does not answer yet is waited for.
     */
    KafkaTransactions(Producer<String, byte[]> producer, String transactionalId, PublishSettings settings,
            CrashSeam seam, BiConsumer<String, Throwable> onFatal) throws InterruptedException {
        this.producer = producer;
        this.transactionalId = transactionalId;
        this.commitInterval = settings.commitInterval();
        this.maxPerTransaction = settings.maxPerTransaction();
        this.maxBackoff = settings.maxRetryBackoff();
        this.seam = seam;
        this.onFatal = onFatal;
        initTransactions();
        this.loop = Thread.ofPlatform().name("ingest-transactions").daemon(false).unstarted(this::run);
        loop.start();
    }

    private void initTransactions() throws InterruptedException {
        untilNoTimeout("initialising transactions for " + transactionalId, producer::initTransactions);
        log.info("transactions initialised for transactional id {}", transactionalId);
    }

    /**
     * Calls the producer until it does not time out: a call that timed out is still under way on the broker's side
     * and must be repeated, not followed by another (a commit that timed out must not be aborted, the producer
     * insists).
     */
    private void untilNoTimeout(String what, Runnable call) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                call.run();
                return;
            } catch (TimeoutException e) {
                retrying = what + " timed out: " + e.getMessage();
                log.warn("{} timed out ({}); trying again in {} ms", what, e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = next(backoff);
            }
        }
    }

    /** Queues a unit; its future completes when the transaction holding it committed. */
    CompletableFuture<Void> submit(List<ProducerRecord<String, byte[]>> records, boolean article) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Throwable gaveUp = fatal;
        if (gaveUp != null) {
            stored.completeExceptionally(new KafkaException("the ingest producer stopped: " + gaveUp, gaveUp));
        } else if (closing) {
            stored.completeExceptionally(new KafkaException("the ingest producer is closing"));
        } else {
            queue.add(new Unit(List.copyOf(records), article, stored));
        }
        return stored;
    }

    /** UP while sending; DEGRADED while retrying a fault of the broker; DOWN once fenced or stopped. */
    Health health() {
        Throwable gaveUp = fatal;
        if (gaveUp != null) {
            return Health.down("the ingest producer stopped: " + gaveUp);
        }
        String problem = retrying;
        String counts = committed + " transactions committed, " + retries + " retried";
        return problem != null ? Health.degraded("retrying a failed transaction (" + problem + "); " + counts)
                : Health.up(counts);
    }

    long retries() {
        return retries;
    }

    /** Transactions refused because the group's generation moved on (a rebalance); their units fail. */
    long fencedByGroup() {
        return fencedByGroup;
    }

    /** From now on every transaction commits under the group membership {@code current} gives (null: none). */
    void fenceWith(Supplier<Fence> current) {
        this.fence = current;
    }

    private void run() {
        List<Unit> batch = new ArrayList<>();
        Duration backoff = FIRST_BACKOFF;
        try {
            while (fatal == null) {
                if (batch.isEmpty()) {
                    Unit first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                }
                Map<Unit, Exception> failed = new IdentityHashMap<>();
                try {
                    transaction(batch, failed);
                    committed++;
                    if (retrying != null) {
                        log.info("transactions commit again after {} retries", retries);
                    }
                    retrying = null;
                    backoff = FIRST_BACKOFF;
                    batch.forEach(unit -> unit.stored().complete(null));
                    batch.clear();
                } catch (KafkaException e) {
                    if (e instanceof InterruptException) {
                        throw new InterruptedException("interrupted in a transaction");
                    }
                    backoff = recover(batch, failed, e, backoff);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            giveUp("the transaction loop failed unexpectedly", e);
        } finally {
            failAll(batch, "the ingest producer stopped before this was committed");
            List<Unit> left = new ArrayList<>();
            queue.drainTo(left);
            failAll(left, "the ingest producer stopped before this was sent");
        }
    }

    /** Begins, sends the batch and whatever arrives until the interval is over, commits. */
    private void transaction(List<Unit> batch, Map<Unit, Exception> failed) throws InterruptedException {
        producer.beginTransaction();
        for (Unit unit : batch) {
            send(unit, failed);
        }
        long deadline = System.nanoTime() + commitInterval.toNanos();
        while (batch.size() < maxPerTransaction && !closing) {
            long wait = deadline - System.nanoTime();
            Unit next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
            send(next, failed);
        }
        Fence membership = fence.get();
        if (membership != null && !membership.offsets().isEmpty()) {
            producer.sendOffsetsToTransaction(membership.offsets(), membership.metadata());
        }
        untilNoTimeout("committing a transaction", producer::commitTransaction);
    }

    private void send(Unit unit, Map<Unit, Exception> failed) {
        for (int i = 0; i < unit.records().size(); i++) {
            producer.send(unit.records().get(i), (metadata, error) -> {
                if (error != null) {
                    synchronized (failed) {
                        failed.putIfAbsent(unit, error);
                    }
                }
            });
            if (i == 0 && unit.article()) {
                seam.articleSent(producer);
            }
        }
    }

    /** After a failed transaction: fatal, or abort it, drop the units at fault and back off before the next try. */
    private Duration recover(List<Unit> batch, Map<Unit, Exception> failed, KafkaException e, Duration backoff)
            throws InterruptedException {
        Map<Unit, Exception> errors;
        synchronized (failed) {
            errors = new IdentityHashMap<>(failed);
        }
        Throwable fatalCause = TransactionFaults.fatal(e).orElse(null);
        for (Exception error : errors.values()) {
            fatalCause = fatalCause != null ? fatalCause : TransactionFaults.fatal(error).orElse(null);
        }
        if (fatalCause != null) {
            giveUp(TransactionFaults.describeFatal(fatalCause, transactionalId), fatalCause);
            return backoff;
        }
        abort();
        if (TransactionFaults.staleGeneration(e) || errors.values().stream().anyMatch(TransactionFaults::staleGeneration)) {
            // Not sent again: the feeds may have moved to another instance meanwhile. Their items are not in the
            // ledger, so their owner (this instance or the new one) picks them up at its next poll.
            fencedByGroup++;
            log.warn("a transaction of {} units was refused by the group coordinator (the group rebalanced: {});"
                    + " aborted, its items are tried again at their feed's next poll", batch.size(), e.toString());
            batch.forEach(unit -> unit.stored().completeExceptionally(e));
            batch.clear();
            return FIRST_BACKOFF;
        }
        batch.removeIf(unit -> {
            Exception error = errors.get(unit);
            if (error != null && TransactionFaults.isRecordsOwn(error)) {
                log.warn("a unit of {} records was refused by the broker ({}); it is not retried",
                        unit.records().size(), error.toString());
                unit.stored().completeExceptionally(error);
                return true;
            }
            return false;
        });
        retries++;
        if (batch.isEmpty()) {
            return backoff;
        }
        Throwable cause = errors.values().stream().findFirst().map(Throwable.class::cast).orElse(e);
        retrying = cause.toString();
        log.warn("a transaction of {} units failed ({}); aborted, sending them again in {} ms", batch.size(),
                cause.toString(), backoff.toMillis());
        sleep(backoff);
        return next(backoff);
    }

    private void abort() throws InterruptedException {
        try {
            untilNoTimeout("aborting a failed transaction", producer::abortTransaction);
        } catch (KafkaException e) {
            Throwable fatalCause = TransactionFaults.fatal(e).orElse(e);
            giveUp(TransactionFaults.describeFatal(fatalCause, transactionalId), fatalCause);
            throw e;
        }
    }

    private void giveUp(String reason, Throwable cause) {
        if (fatal != null) {
            return;
        }
        fatal = cause;
        log.error("ingest stops publishing: {}", reason, cause);
        onFatal.accept(reason, cause);
    }

    private void sleep(Duration backoff) throws InterruptedException {
        if (closing) {
            throw new InterruptedException("closing while the broker fails");
        }
        Thread.sleep(backoff.toMillis());
    }

    private Duration next(Duration backoff) {
        return Backoff.doubled(backoff, maxBackoff);
    }

    private static void failAll(List<Unit> units, String why) {
        units.forEach(unit -> unit.stored().completeExceptionally(new KafkaException(why)));
        units.clear();
    }

    /**
     * Stops taking units, lets the thread commit what it holds (up to 30 s), then closes the producer; what is
     * not committed by then fails (and is published again after the restart, since its ledger entry is not
     * stored either).
     */
    @Override
    public void close() {
        closing = true;
        try {
            loop.join(CLOSE_WAIT);
            if (loop.isAlive()) {
                log.warn("transactions still not committed after {} s; giving them up", CLOSE_WAIT.toSeconds());
                loop.interrupt();
                loop.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        log.info("ingest producer closed: {} transactions committed, {} retried", committed, retries);
    }
}
