package io.newsflow.stack;

/** A server could not be prepared, started, reached or stopped; the message says which and why. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
