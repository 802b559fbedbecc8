package io.newsflow.sink.testing;

import io.newsflow.avro.DeadLetter;
import io.newsflow.sink.write.DeadLetterPublisher;
import io.newsflow.sink.write.PendingRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Keeps dead letters in memory; acknowledges them at once, or only when the test says so. */
public final class RecordingDeadLetters implements DeadLetterPublisher {

    private final List<DeadLetter> published = new CopyOnWriteArrayList<>();
    private final List<Consumer<Exception>> unacknowledged = new CopyOnWriteArrayList<>();
    private volatile boolean holdAcknowledgements;

    public RecordingDeadLetters holdAcknowledgements() {
        holdAcknowledgements = true;
        return this;
    }

    /** Acknowledges every dead letter held so far. */
    public void acknowledgeAll() {
        holdAcknowledgements = false;
        for (Consumer<Exception> ack : unacknowledged) {
            unacknowledged.remove(ack);
            ack.accept(null);
        }
    }

    public List<DeadLetter> published() {
        return List.copyOf(published);
    }

    @Override
    public void publish(PendingRecord record, DeadLetter deadLetter, Consumer<Exception> whenAcknowledged) {
        published.add(deadLetter);
        if (holdAcknowledgements) {
            unacknowledged.add(whenAcknowledged);
        } else {
            whenAcknowledged.accept(null);
        }
    }

    @Override
    public void close() {}
}
