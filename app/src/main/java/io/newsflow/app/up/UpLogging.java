package io.newsflow.app.up;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While {@code newsflow up} runs, the services' logs go to a file and the console shows the status line; the last
 * warning or error is kept for that line ({@link LastProblem}). {@link #close()} puts the console logging back.
 */
public final class UpLogging implements AutoCloseable {

    private final Logger root;
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final FileAppender<ILoggingEvent> file;
    private final LastProblem lastProblem = new LastProblem();

    private UpLogging(Logger root, FileAppender<ILoggingEvent> file) {
        this.root = root;
        this.file = file;
    }

    /** Sends every log line to {@code logFile} (a new file each run, like the stack's logs) instead of the console. */
    public static UpLogging toFile(Path logFile) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("newsflow-up-file");
        file.setFile(logFile.toString());
        file.setAppend(false);
        file.setEncoder(encoder);
        file.start();
        UpLogging logging = new UpLogging(root, file);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            logging.detached.add(it.next());
        }
        logging.detached.forEach(root::detachAppender);
        logging.lastProblem.setContext(context);
        logging.lastProblem.start();
        root.addAppender(file);
        root.addAppender(logging.lastProblem);
        return logging;
    }

    public LastProblem lastProblem() {
        return lastProblem;
    }

    @Override
    public void close() {
        root.detachAppender(file);
        root.detachAppender(lastProblem);
        file.stop();
        lastProblem.stop();
        detached.forEach(root::addAppender);
    }
}
