package io.newsflow.enrich.streams;

import io.newsflow.avro.FailureReason;
import io.newsflow.enrich.core.RejectReason;
import io.newsflow.enrich.streams.EnvironmentFaults.Cause;
import io.newsflow.schemas.serde.RegistryUnavailableException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enricher's error handling, in Kafka Streams' own handlers (KIP-1033/KIP-1034), classified by cause in
 * {@link #classify} (docs/enrich.md, "Failure classification"):
 *
 * <ul>
 *   <li>a fault of the record (bytes that do not decode with a schema the registry returns, a page the cleaner
 *       rejected, a stage that threw, an output over the size limit) becomes a {@code DeadLetter}, written in the
 *       same transaction, and processing resumes with the next record;</li>
 *   <li>a fault of the environment never dead-letters: a registry that cannot be asked (after
 *       {@link RegistryBackoff} waited it out for a while) answers FAIL, so the stream thread is replaced and
 *       resumes from the committed offsets, where it waits again; a retriable send error answers RETRY, so the
 *       task is re-initialised from its committed offsets. Both are counted and make health DEGRADED
 *       ({@link EnvironmentFaults}).</li>
 * </ul>
 */
public final class EnrichErrorHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(EnrichErrorHandler.class);

    /** Streams configuration key under which the app passes its {@link EnvironmentFaults} to the handlers. */
    public static final String FAULTS_CONFIG_KEY = "newsflow.enrich.environment.faults";

    /** What a failure is, by its cause. */
    enum FailureClass {
        /** The registry could not be asked: wait, never dead-letter. */
        REGISTRY_UNAVAILABLE,
        /** Kafka did not take a record in time (timeout, not enough replicas, leader moving): retry the task. */
        KAFKA_RETRIABLE,
        /** An output record over the size limit: dead-letter the source record, cut to fit. */
        TOO_LARGE,
        /** The record's own fault: dead-letter it with the reason. */
        RECORD
    }

    private DeadLetterRouting routing;
    private EnvironmentFaults faults;
    private long maxRequestSize;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = DeadLetterRouting.fromConfig(configs);
        if (!(configs.get(FAULTS_CONFIG_KEY) instanceof EnvironmentFaults f)) {
            throw new IllegalStateException("the enrich error handlers need EnvironmentFaults under '"
                    + FAULTS_CONFIG_KEY + "' in the Streams configuration (EnrichTopology.streamsConfig puts it there)");
        }
        faults = f;
        Object size = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        maxRequestSize = size == null ? -1 : Long.parseLong(size.toString());
    }

    /** The class of a failure, from the exception and its causes (Kafka Streams wraps the original). */
    static FailureClass classify(Throwable exception) {
        if (causeOf(exception, RegistryUnavailableException.class).isPresent()) {
            return FailureClass.REGISTRY_UNAVAILABLE;
        }
        if (causeOf(exception, RecordTooLargeException.class).isPresent()) {
            return FailureClass.TOO_LARGE;
        }
        return exception instanceof RetriableException ? FailureClass.KAFKA_RETRIABLE : FailureClass.RECORD;
    }

    /** The exception itself or the first of its causes that is a {@code type}. */
    static <T extends Throwable> Optional<T> causeOf(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (classify(exception) == FailureClass.REGISTRY_UNAVAILABLE) {
            waitingForRegistry(context, exception);
            return DeserializationExceptionHandler.Response.fail();
        }
        log.warn("dead-lettering undecodable record at {}-{}@{}: {}",
                context.topic(), context.partition(), context.offset(), exception.getClass().getName());
        try {
            return DeserializationExceptionHandler.Response.resume(routing.deadLetter(
                    context, FailureReason.UNDECODABLE, "the record could not be deserialized as a RawArticle",
                    exception));
        } catch (RegistryUnavailableException e) {
            waitingForRegistry(context, e);
            return DeserializationExceptionHandler.Response.fail();
        }
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (classify(exception) == FailureClass.REGISTRY_UNAVAILABLE) {
            waitingForRegistry(context, exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        try {
            if (exception instanceof ArticleRejectedException rejected) {
                FailureReason reason = failureReason(rejected.reason());
                log.info("dead-lettering rejected article at {}-{}@{}: {}", context.topic(), context.partition(),
                        context.offset(), rejected.reason());
                return ProcessingExceptionHandler.Response.resume(routing.deadLetter(
                        context, reason, rejected.reason() + ": " + rejected.getMessage(), null));
            }
            log.warn("dead-lettering record at {}-{}@{} in {}: {}", context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), exception.getClass().getName());
            return ProcessingExceptionHandler.Response.resume(routing.deadLetter(
                    context, FailureReason.EXTRACTION_FAILED, "cleaning the article threw", exception));
        } catch (RegistryUnavailableException e) {
            waitingForRegistry(context, e);
            return ProcessingExceptionHandler.Response.fail();
        }
    }

    /** A record was serialized but Kafka did not take it (this runs on the producer's network thread: no waiting). */
    @Override
    public ProductionExceptionHandler.Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        switch (classify(exception)) {
            case KAFKA_RETRIABLE -> {
                faults.occurred(Cause.KAFKA, exception);
                log.warn("Kafka did not take a record for {} from {}-{}@{} ({}); retrying the task from its committed"
                        + " offsets", record.topic(), context.topic(), context.partition(), context.offset(),
                        exception.getClass().getName());
                return ProductionExceptionHandler.Response.retry();
            }
            case TOO_LARGE -> {
                long size = RegistryAwareSerdes.recordSize(record.value(), record.headers())
                        + (record.key() == null ? 0 : record.key().length);
                return tooLarge(context, record.topic(), size, maxRequestSize, exception);
            }
            default -> {
                log.error("Kafka refused a record for {} from {}-{}@{} ({}); failing the stream thread",
                        record.topic(), context.topic(), context.partition(), context.offset(),
                        exception.getClass().getName());
                return ProductionExceptionHandler.Response.fail();
            }
        }
    }

    /** A record could not be serialized: the registry, the size limit, or the record itself. */
    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        FailureClass failure = classify(exception);
        if (failure == FailureClass.REGISTRY_UNAVAILABLE) {
            waitingForRegistry(context, exception);
            return ProductionExceptionHandler.Response.fail();
        }
        if (failure == FailureClass.TOO_LARGE) {
            Optional<OversizedRecordException> oversized = causeOf(exception, OversizedRecordException.class);
            return tooLarge(context, record.topic(), oversized.map(OversizedRecordException::size).orElse(-1L),
                    oversized.map(OversizedRecordException::limit).orElse(maxRequestSize), exception);
        }
        log.warn("dead-lettering record at {}-{}@{}: its output for {} could not be serialized ({})", context.topic(),
                context.partition(), context.offset(), record.topic(), exception.getClass().getName());
        try {
            return ProductionExceptionHandler.Response.resume(routing.deadLetter(context, FailureReason.OTHER,
                    "the output for topic '" + record.topic() + "' could not be serialized", exception));
        } catch (RegistryUnavailableException e) {
            waitingForRegistry(context, e);
            return ProductionExceptionHandler.Response.fail();
        }
    }

    private ProductionExceptionHandler.Response tooLarge(ErrorHandlerContext context, String outputTopic, long size,
            long limit, Exception exception) {
        log.warn("dead-lettering record at {}-{}@{}: its output for {} is {} bytes, over the limit of {} bytes",
                context.topic(), context.partition(), context.offset(), outputTopic, size, limit);
        try {
            return ProductionExceptionHandler.Response.resume(
                    routing.tooLarge(context, outputTopic, size, limit, exception));
        } catch (RegistryUnavailableException e) {
            waitingForRegistry(context, e);
            return ProductionExceptionHandler.Response.fail();
        }
    }

    private void waitingForRegistry(ErrorHandlerContext context, Exception exception) {
        faults.occurred(Cause.SCHEMA_REGISTRY, exception);
        log.warn("the schema registry cannot be asked for the record at {}-{}@{}; the stream thread hands the record"
                + " back and a new one resumes from the committed offsets", context.topic(), context.partition(),
                context.offset());
    }

    static FailureReason failureReason(RejectReason reason) {
        return switch (reason) {
            case EMPTY_BODY, NOT_AN_ARTICLE -> FailureReason.NOT_AN_ARTICLE;
            case BINARY_CONTENT, UNDECODABLE_CHARSET -> FailureReason.UNDECODABLE;
        };
    }
}
