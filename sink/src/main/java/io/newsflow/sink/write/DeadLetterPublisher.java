package io.newsflow.sink.write;

import io.newsflow.avro.DeadLetter;
import java.util.function.Consumer;

/** Sends a dead letter and says, on any thread, when the broker acknowledged it (null) or why it did not. */
public interface DeadLetterPublisher extends AutoCloseable {

    void publish(PendingRecord record, DeadLetter deadLetter, Consumer<Exception> whenAcknowledged);

    @Override
    void close();
}
