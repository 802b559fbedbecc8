package io.newsflow.ingest.kafka;

import java.util.Optional;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What a failed ingest transaction means. Three kinds, as Kafka's producer documents them:
 *
 * <ul>
 *   <li>fatal: the producer cannot go on (fenced by another instance with the same transactional id, not
 *       authorised, a broker too old for transactions);
 *   <li>the record's own: the broker refuses that record whatever happens (over the size limit, an illegal topic);
 *   <li>anything else is the environment's (timeouts, a lost leader, not enough replicas, an aborted
 *       transaction): abort and send again, without limit.
 * </ul>
 */
final class TransactionFaults {
    private TransactionFaults() {}

    /** The fatal error in the cause chain, if any. */
    static Optional<Throwable> fatal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof FencedInstanceIdException
                    || cause instanceof OutOfOrderSequenceException || cause instanceof AuthorizationException
                    || cause instanceof AuthenticationException || cause instanceof UnsupportedVersionException) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the group coordinator refused the transaction's offsets because this member's generation is not the
     * group's any more (a rebalance happened, or this instance was thrown out of the group).
     */
    static boolean staleGeneration(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CommitFailedException || cause instanceof IllegalGenerationException
                    || cause instanceof UnknownMemberIdException || cause instanceof RebalanceInProgressException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the broker refused this record for what it is, so that sending it again cannot help. */
    static boolean isRecordsOwn(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidTopicException || error instanceof SerializationException;
    }

    /** The log line and stop reason for a fatal error. */
    static String describeFatal(Throwable cause, String transactionalId) {
        if (cause instanceof ProducerFencedException) {
            return "another ingest instance started with transactional id '" + transactionalId + "' and fenced this"
                    + " one; two instances must never share an id (ingest.publish.transactionalId, ingest.instanceName)";
        }
        return "the ingest producer cannot go on (" + cause + ")";
    }
}
