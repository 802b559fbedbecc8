package io.newsflow.app;

import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.StackException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow stack ...}: the real servers newsflow needs, run on this machine. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = "Runs the servers newsflow needs (Kafka, Schema Registry, Elasticsearch) on this machine.",
        subcommands = {StackCommand.Up.class})
public final class StackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try `stack up`");
    }

    /** {@code newsflow stack up}: start, print the addresses, stop on Ctrl-C. */
    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Starts Kafka (KRaft), Apicurio Registry and Elasticsearch as local processes, prints their"
                    + " addresses and keeps them running until Ctrl-C, which stops them. Data starts empty every time.")
    static final class Up implements Callable<Integer> {

        /** The ports config/newsflow.yml expects. */
        static final Map<Server, Integer> USUAL_PORTS =
                Map.of(Server.KAFKA, 9092, Server.REGISTRY, 8081, Server.ELASTICSEARCH, 9200);

        @Spec
        private CommandSpec spec;

        @Option(names = "--run-dir", defaultValue = ".newsflow/stack", paramLabel = "DIR",
                description = "Where logs, pid files, config and data go (default: ${DEFAULT-VALUE}).")
        private Path runDir;

        @Option(names = "--random-ports",
                description = "Use free ports instead of the usual ones (Kafka 9092, registry 8081, Elasticsearch 9200).")
        private boolean randomPorts;

        @Option(names = "--without", split = ",", paramLabel = "SERVER",
                description = "Servers not to start: ${COMPLETION-CANDIDATES}.")
        private Set<Server> without = EnumSet.noneOf(Server.class);

        @Option(names = "--full-jit",
                description = "Let the servers use the optimising JIT: slower to start, faster when busy for long.")
        private boolean fullJit;

        @Option(names = "--start-timeout", defaultValue = "300", paramLabel = "SECONDS",
                description = "How long each server may take to become ready (default: ${DEFAULT-VALUE}).")
        private int startTimeoutSeconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Set<Server> servers = EnumSet.allOf(Server.class);
            servers.removeAll(without);
            if (servers.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--without leaves no server to start");
            }
            Stack.Builder builder = Stack.builder().servers(servers).runDir(runDir)
                    .startTimeout(Duration.ofSeconds(startTimeoutSeconds)).fullJit(fullJit);
            if (!randomPorts) {
                servers.forEach(server -> builder.port(server, USUAL_PORTS.get(server)));
            }
            Stack stack = builder.build();
            out.printf("Starting %s (logs in %s) ...%n", servers, stack.runDir().resolve("logs"));
            out.flush();
            StackEndpoints endpoints;
            try {
                endpoints = stack.start();
            } catch (StackException e) {
                err.println("newsflow stack up: " + e.getMessage());
                if (!randomPorts && e.getMessage().contains("cannot use port")) {
                    err.println("Use --random-ports to run on free ports, and export the variables it prints.");
                }
                return 1;
            }
            printReady(out, stack, endpoints);
            return watch(stack, err);
        }

        private static void printReady(PrintWriter out, Stack stack, StackEndpoints endpoints) {
            out.println();
            endpoints.asMap().forEach((server, address) -> out.printf("  %-16s %-44s ready after %4.1f s, pid %d%n",
                    server.displayName(), address, stack.startupTimes().get(server).toMillis() / 1000.0,
                    stack.pid(server).orElse(-1)));
            out.println();
            out.println("Point the newsflow services at it:");
            endpoints.environment().forEach((name, value) -> out.printf("  export %s=%s%n", name, value));
            out.println("Point integration tests at it instead of starting their own:");
            out.printf("  export %s=%s%n", StackEndpoints.EXTERNAL_ENV, stack.endpointsFile());
            out.println();
            out.println("Press Ctrl-C to stop.");
            out.flush();
        }

        /** Waits for Ctrl-C (the stack's shutdown hook stops the servers); fails if a server dies meanwhile. */
        private static int watch(Stack stack, PrintWriter err) throws InterruptedException {
            while (true) {
                for (Server server : stack.crashed()) {
                    err.printf("%s stopped unexpectedly; last lines of %s:%n%s%n", server.displayName(),
                            stack.logFile(server), stack.logTail(server, 30));
                    err.flush();
                    stack.stop();
                    return 1;
                }
                Thread.sleep(1000);
            }
        }
    }
}
