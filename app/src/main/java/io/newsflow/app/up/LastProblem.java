package io.newsflow.app.up;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the last warning or error a newsflow service logged (a feed that failed and why, a dead letter's reason), for
 * the status line. The services' logs name the feed, topic/partition/offset and the reason, never article content, so
 * the message can be shown as it is.
 */
public final class LastProblem extends AppenderBase<ILoggingEvent> {

    private static final String OURS = "io.newsflow.";
    private final AtomicReference<String> last = new AtomicReference<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN) && event.getLoggerName().startsWith(OURS)) {
            String message = event.getFormattedMessage();
            int newline = message == null ? -1 : message.indexOf('\n');
            last.set(newline < 0 ? message : message.substring(0, newline));
        }
    }

    /** The last problem's message, or null when there was none. */
    public String get() {
        return last.get();
    }
}
