package io.newsflow.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM the tests and the benchmark start: {@code ChildJvm <main class> <args...>} runs that
 * main class unchanged, and exits when the parent JVM goes away. The parent holds the child's stdin open; a dead
 * parent (killed test JVM, failsafe timeout) closes it, the child reads end-of-file and shuts down through its normal
 * shutdown hooks, so a broken test run leaves no orphaned service behind.
 */
public final class ChildJvm {
    /** How long the orderly shutdown after the parent's death may take before the JVM is halted. */
    private static final long HALT_AFTER_MILLIS = 60_000;

    private ChildJvm() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ChildJvm <main class> [args...]");
        }
        Thread watcher = new Thread(ChildJvm::exitWhenParentGoes, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGoes() {
        try (InputStream in = System.in) {
            while (in.read() != -1) {
                // the parent writes nothing; any byte is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file: the parent is gone
        }
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException ignored) {
                // halting anyway
            }
            Runtime.getRuntime().halt(3);
        }, "halt-after-parent");
        halt.setDaemon(true);
        halt.start();
        System.exit(3);
    }
}
