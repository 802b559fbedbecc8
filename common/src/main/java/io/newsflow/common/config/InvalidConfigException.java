package io.newsflow.common.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start-up when a configuration has problems; its message lists every one of them. */
public final class InvalidConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " configuration problem:" : " configuration problems:")
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
