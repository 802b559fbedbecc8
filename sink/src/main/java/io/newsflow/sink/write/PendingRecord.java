package io.newsflow.sink.write;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.newsflow.avro.DeadLetter;
import io.newsflow.sink.offsets.OffsetLedger.Ticket;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumed record on its way to Elasticsearch: where it came from (for the ledger, the logs and the dead
 * letter), its original bytes (for the dead letter), the bulk operation made from it and how often it failed.
 * Owned by the poll loop; the bulk listener only carries it back.
 */
public final class PendingRecord {

    private final Ticket<TopicPartition> ticket;
    private final byte[] key;
    private final byte[] value;
    private final Map<String, byte[]> headers;
    private final String articleId;
    private BulkOperation operation;
    private int attempts;
    private boolean isolated;
    private boolean inFault;
    private DeadLetter deadLetter;

    public PendingRecord(Ticket<TopicPartition> ticket, byte[] key, byte[] value, Map<String, byte[]> headers,
            String articleId) {
        this.ticket = ticket;
        this.key = key;
        this.value = value;
        this.headers = Map.copyOf(headers);
        this.articleId = articleId;
    }

    public Ticket<TopicPartition> ticket() {
        return ticket;
    }

    public TopicPartition partition() {
        return ticket.partition();
    }

    public long offset() {
        return ticket.offset();
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }

    public Map<String, byte[]> headers() {
        return headers;
    }

    /** The article id from the key, or null when the record has no key. */
    public String articleId() {
        return articleId;
    }

    public BulkOperation operation() {
        return operation;
    }

    public void operation(BulkOperation operation) {
        this.operation = operation;
    }

    /** Attempts that failed for any reason, item or request: what the backoff grows with. */
    public int attempts() {
        return attempts;
    }

    public void failedItem() {
        attempts++;
    }

    public void failedRequest() {
        attempts++;
    }

    /** Whether the record goes alone in its bulk request, to tell its failure from its neighbours'. */
    public boolean isolated() {
        return isolated;
    }

    public void isolate() {
        this.isolated = true;
    }

    /** Whether the record met an environment fault and is not settled yet (it holds its partition paused). */
    public boolean inFault() {
        return inFault;
    }

    public void inFault(boolean value) {
        this.inFault = value;
    }

    /** The dead letter this record is being sent as, once it was decided to dead-letter it. */
    public DeadLetter deadLetter() {
        return deadLetter;
    }

    public void deadLetter(DeadLetter value) {
        this.deadLetter = value;
    }

    /** {@code topic-partition@offset}, for logs (never the content). */
    @Override
    public String toString() {
        return partition() + "@" + offset();
    }
}
