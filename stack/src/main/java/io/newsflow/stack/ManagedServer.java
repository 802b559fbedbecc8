package io.newsflow.stack;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What the stack needs to know about one kind of server: its files, its command line, its readiness. */
interface ManagedServer {

    Server server();

    /** The loopback ports it listens on, the client-facing one first. */
    List<Integer> ports();

    /**
     * Writes its configuration. {@code fresh} starts from empty data (a new stack); otherwise the data of the last
     * run is kept (a restart).
     */
    void prepare(boolean fresh) throws IOException;

    LaunchSpec launchSpec();

    /** Empty when the server is ready for clients, else what the last check saw. */
    Optional<String> notReadyBecause();

    /** The address a client uses. */
    String endpoint();
}
