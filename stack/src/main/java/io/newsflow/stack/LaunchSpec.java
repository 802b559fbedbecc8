package io.newsflow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How to start one process: its command line, the environment variables to set and to remove from the inherited
 * environment, and its working directory. Built by each server and unit-tested without starting anything.
 */
record LaunchSpec(List<String> command, Map<String, String> environment, Set<String> unsetEnvironment,
        Path workingDirectory) {

    /**
     * setsid(1), where the system has it (Linux): each server runs in a session of its own, so a Ctrl-C in the
     * terminal reaches only the JVM that owns the servers, which stops them when and in the order it chooses
     * ({@code newsflow up} stops the services before the servers they write to). The pid stays the server's: the
     * child of a JVM is not a process group leader, so setsid execs in place.
     */
    static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        unsetEnvironment = Set.copyOf(unsetEnvironment);
    }

    ProcessBuilder toProcessBuilder() {
        List<String> line = new ArrayList<>(command.size() + 1);
        SETSID.ifPresent(setsid -> line.add(setsid.toString()));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).directory(workingDirectory.toFile());
        builder.environment().keySet().removeAll(unsetEnvironment);
        builder.environment().putAll(environment);
        return builder;
    }
}
