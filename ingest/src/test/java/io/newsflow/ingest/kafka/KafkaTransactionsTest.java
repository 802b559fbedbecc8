package io.newsflow.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.newsflow.common.ops.Health;
import io.newsflow.ingest.config.PublishSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction loop against Kafka's {@link MockProducer}, made to fail as the real producer does: a send whose
 * broker answer is an error leaves the transaction abortable, and the commit then throws. The real broker is in
 * {@code IngestIT} and {@code IngestKillIT}.
 */
class KafkaTransactionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FaultyProducer producer = new FaultyProducer();
    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private KafkaTransactions transactions;

    @AfterEach
    void tearDown() {
        if (transactions != null) {
            transactions.close();
        }
    }

    private KafkaTransactions start(Duration commitInterval) throws InterruptedException {
        transactions = new KafkaTransactions(producer, "ledger.host-1",
                new PublishSettings("host-1", "ledger.host-1", commitInterval, 500, Duration.ofMillis(200)),
                CrashSeam.INERT, (reason, cause) -> fatal.add(reason));
        return transactions;
    }

    private static List<ProducerRecord<String, byte[]>> unit(String id) {
        return List.of(new ProducerRecord<>("raw", id, bytes("article " + id)),
                new ProducerRecord<>("ledger", id, bytes("hash of " + id)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldCommitAnArticleAndItsLedgerEntryInOneTransaction() throws Exception {
        start(Duration.ofMillis(10));

        transactions.submit(unit("a"), true).get(10, TimeUnit.SECONDS);

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("raw", "ledger");
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.transactionAborted()).isFalse();
        assertThat(transactions.health().status()).isEqualTo(Health.Status.UP);
    }

    @Test
    void shouldPutEveryUnitSubmittedWithinTheCommitIntervalIntoOneTransaction() throws Exception {
        start(Duration.ofSeconds(1));

        List<CompletableFuture<Void>> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            units.add(transactions.submit(unit("a" + i), true));
        }
        CompletableFuture.allOf(units.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(producer.history()).hasSize(40);
        assertThat(producer.commitCount()).isEqualTo(1);
    }

    @Test
    void shouldNotCompleteAUnitBeforeItsTransactionCommitted() throws Exception {
        start(Duration.ofMillis(300));

        CompletableFuture<Void> stored = transactions.submit(unit("a"), true);

        await().atMost(WAIT).until(() -> producer.uncommittedRecords().size() == 2);
        assertThat(stored).as("sent, not yet committed").isNotDone();
        assertThat(producer.commitCount()).isZero();
        stored.get(10, TimeUnit.SECONDS);
        assertThat(producer.commitCount()).isEqualTo(1);
    }

    @Test
    void shouldAbortAndSendTheUnitsAgainWhenTheBrokerTimesOutInsteadOfSkippingThem() throws Exception {
        producer.failSends(1, new TimeoutException("Expiring 1 record(s) for raw-0: 120000 ms has passed"));
        start(Duration.ofMillis(10));

        transactions.submit(unit("a"), true).get(10, TimeUnit.SECONDS);

        assertThat(producer.aborts.get()).isEqualTo(1);
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).as("committed once, by the second attempt").hasSize(2);
        assertThat(transactions.retries()).isEqualTo(1);
        assertThat(fatal).isEmpty();
        assertThat(transactions.health().status()).isEqualTo(Health.Status.UP);
    }

    @Test
    void shouldReportDegradedWhileTheBrokerKeepsFailing() throws Exception {
        producer.failSends(Integer.MAX_VALUE, new TimeoutException("no answer from the broker"));
        start(Duration.ofMillis(10));

        CompletableFuture<Void> stored = transactions.submit(unit("a"), true);

        await().atMost(WAIT).until(() -> transactions.health().status() == Health.Status.DEGRADED);
        assertThat(transactions.health().detail()).contains("no answer from the broker");
        await().atMost(WAIT).until(() -> transactions.retries() >= 3);
        assertThat(stored).as("still waiting to be stored, never given up").isNotDone();
        producer.failSends(0, null);
        stored.get(10, TimeUnit.SECONDS);
        assertThat(transactions.health().status()).isEqualTo(Health.Status.UP);
    }

    @Test
    void shouldRetryACommitThatTimedOutRatherThanAbortIt() throws Exception {
        producer.commitTimeouts.set(2);
        start(Duration.ofMillis(10));

        transactions.submit(unit("a"), true).get(10, TimeUnit.SECONDS);

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.aborts.get()).isZero();
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void shouldFailOnlyTheUnitTheBrokerRefusesForItsSizeAndCommitTheOthers() throws Exception {
        producer.refuse("big", new RecordTooLargeException("The message is 30000000 bytes"));
        start(Duration.ofMillis(200));

        CompletableFuture<Void> small = transactions.submit(unit("small"), true);
        CompletableFuture<Void> big = transactions.submit(unit("big"), true);

        small.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> big.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(fatal).isEmpty();
    }

    @Test
    void shouldStopLoudlyWhenAnotherInstanceFencedThisOne() throws Exception {
        start(Duration.ofMillis(10));
        transactions.submit(unit("a"), true).get(10, TimeUnit.SECONDS);

        producer.fenceProducer();
        CompletableFuture<Void> afterFencing = transactions.submit(unit("b"), true);

        assertThatThrownBy(() -> afterFencing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(fatal).singleElement().asString().contains("fenced", "ledger.host-1");
        assertThat(transactions.health().status()).isEqualTo(Health.Status.DOWN);
        assertThat(transactions.submit(unit("c"), true)).isCompletedExceptionally();
    }

    @Test
    void shouldWaitForABrokerThatDoesNotAnswerAtStart() throws Exception {
        producer.initTimeouts.set(2);

        start(Duration.ofMillis(10));

        assertThat(producer.transactionInitialized()).isTrue();
        transactions.submit(unit("a"), true).get(10, TimeUnit.SECONDS);
    }

    /** A MockProducer whose sends fail through their callbacks, and whose commit then throws, as Kafka's does. */
    private static final class FaultyProducer extends MockProducer<String, byte[]> {
        final AtomicInteger commitTimeouts = new AtomicInteger();
        final AtomicInteger initTimeouts = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
        private volatile int failingSends;
        private volatile RuntimeException sendError;
        private volatile String refusedKey;
        private volatile RuntimeException refusal;
        private volatile RuntimeException abortable;

        FaultyProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        synchronized void failSends(int count, RuntimeException error) {
            failingSends = count;
            sendError = error;
        }

        void refuse(String key, RuntimeException error) {
            refusedKey = key;
            refusal = error;
        }

        @Override
        public void initTransactions() {
            if (initTimeouts.getAndDecrement() > 0) {
                throw new TimeoutException("Timeout expired after 60000ms while awaiting InitProducerId");
            }
            super.initTransactions();
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            RuntimeException error = null;
            if (failingSends > 0) {
                failingSends--;
                error = sendError;
            } else if (record.key().equals(refusedKey)) {
                error = refusal;
            }
            Future<RecordMetadata> sent = super.send(record, error == null ? callback : null);
            if (error != null) {
                abortable = error;
                callback.onCompletion(null, error);
            }
            return sent;
        }

        @Override
        public void commitTransaction() {
            if (commitTimeouts.getAndDecrement() > 0) {
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(COMMIT)");
            }
            RuntimeException failed = abortable;
            if (failed != null) {
                throw new KafkaException("Cannot execute transactional method because we are in an error state",
                        failed);
            }
            super.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            aborts.incrementAndGet();
            abortable = null;
            super.abortTransaction();
        }
    }
}
