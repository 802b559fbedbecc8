package io.newsflow.stack;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A stack in a JVM of its own, for tests of what happens around that JVM (killed, run as another user).
 * Arguments: run dir, then server ids. Starts the stack, prints {@code READY}, stops it when standard input closes.
 */
public final class StackRunner {

    private StackRunner() {
    }

    public static void main(String[] args) throws Exception {
        Stack stack = Stack.builder().runDir(Path.of(args[0]))
                .servers(Arrays.stream(args).skip(1).map(Server::fromId).toList())
                .build();
        stack.start();
        System.out.println("READY " + stack.endpoints().asMap());
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the test to close our input
        }
        stack.stop();
    }
}
