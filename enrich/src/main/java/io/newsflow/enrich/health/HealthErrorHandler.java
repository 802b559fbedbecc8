package io.newsflow.enrich.health;

import io.newsflow.schemas.serde.RegistryUnavailableException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clean article the health app cannot read is skipped with a warning naming topic, partition and offset (the
 * sink dead-letters the same record, so it is not lost); a registry that cannot be asked fails the thread instead,
 * which is replaced and reads the record again, so an outage never skips articles.
 */
public final class HealthErrorHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(HealthErrorHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RegistryUnavailableException || exception.getCause() instanceof RegistryUnavailableException) {
            log.warn("schema registry unavailable reading {}-{}@{}; retrying the record", context.topic(),
                    context.partition(), context.offset());
            return Response.fail();
        }
        log.warn("source health skips unreadable record at {}-{}@{}: {}", context.topic(), context.partition(),
                context.offset(), exception.getClass().getName());
        return Response.resume();
    }
}
