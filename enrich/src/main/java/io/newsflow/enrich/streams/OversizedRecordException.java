package io.newsflow.enrich.streams;

import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * A record the enricher was about to produce is larger than its producer's {@code max.request.size}: raised by the
 * serializer, before the record reaches the producer, so an exactly-once transaction is never put in error by it.
 */
public final class OversizedRecordException extends RecordTooLargeException {
    private final String topic;
    private final long size;
    private final long limit;

    OversizedRecordException(String topic, long size, long limit) {
        super("a record for topic '" + topic + "' would be " + size + " bytes, over the producer's max.request.size of "
                + limit + " bytes");
        this.topic = topic;
        this.size = size;
        this.limit = limit;
    }

    public String topic() {
        return topic;
    }

    /** Bytes of the serialized value plus headers and an allowance for key and record overhead. */
    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
