package io.newsflow.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start one process: its command line, the environment variables to set and to remove from the inherited
 * environment, and its working directory. Built by each server and unit-tested without starting anything.
 */
record LaunchSpec(List<String> command, Map<String, String> environment, Set<String> unsetEnvironment,
        Path workingDirectory) {

    LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        unsetEnvironment = Set.copyOf(unsetEnvironment);
    }

    ProcessBuilder toProcessBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().keySet().removeAll(unsetEnvironment);
        builder.environment().putAll(environment);
        return builder;
    }
}
