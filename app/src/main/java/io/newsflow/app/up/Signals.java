package io.newsflow.app.up;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM for {@code newsflow up}. The JVM's default would run every shutdown hook at once, so the
 * stack's own hook could stop Kafka while the services still flush into it; handling the signals lets {@code up}
 * stop the services first and the servers after. A second signal exits at once (the stack's hook still stops the
 * servers, so nothing is left behind).
 */
public final class Signals {

    private Signals() {}

    /** Calls {@code stop} on the first INT or TERM; exits with 130 on the next. */
    public static void onStop(Runnable stop) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (received.incrementAndGet() == 1) {
                    stop.run();
                } else {
                    Runtime.getRuntime().exit(128 + signal.getNumber());
                }
            });
        }
    }
}
