package io.newsflow.enrich.streams;

import io.newsflow.avro.FailureReason;
import io.newsflow.enrich.core.RejectReason;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enricher's error handling, in Kafka Streams' own handlers (KIP-1033/KIP-1034): a record that cannot be
 * deserialized, a page the cleaner rejected, and a page that made a stage throw all become a {@code DeadLetter} on
 * the dead-letter topic, written in the same transaction, and processing resumes with the next record. Nothing is
 * dropped silently and nothing stops the app.
 */
public final class EnrichErrorHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(EnrichErrorHandler.class);

    private DeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = DeadLetterRouting.fromConfig(configs);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.warn("dead-lettering undecodable record at {}-{}@{}: {}",
                context.topic(), context.partition(), context.offset(), exception.getClass().getName());
        return DeserializationExceptionHandler.Response.resume(routing.deadLetter(
                context, FailureReason.UNDECODABLE, "the record could not be deserialized as a RawArticle", exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof ArticleRejectedException rejected) {
            FailureReason reason = failureReason(rejected.reason());
            log.info("dead-lettering rejected article at {}-{}@{}: {}", context.topic(), context.partition(),
                    context.offset(), rejected.reason());
            return ProcessingExceptionHandler.Response.resume(routing.deadLetter(
                    context, reason, rejected.reason() + ": " + rejected.getMessage(), null));
        }
        log.warn("dead-lettering record at {}-{}@{} in {}: {}", context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), exception.getClass().getName());
        return ProcessingExceptionHandler.Response.resume(routing.deadLetter(
                context, FailureReason.EXTRACTION_FAILED, "cleaning the article threw", exception));
    }

    static FailureReason failureReason(RejectReason reason) {
        return switch (reason) {
            case EMPTY_BODY, NOT_AN_ARTICLE -> FailureReason.NOT_AN_ARTICLE;
            case BINARY_CONTENT, UNDECODABLE_CHARSET -> FailureReason.UNDECODABLE;
        };
    }
}
