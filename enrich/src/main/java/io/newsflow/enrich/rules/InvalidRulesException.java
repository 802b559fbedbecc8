package io.newsflow.enrich.rules;

import java.util.List;

/** User rule or lexicon files that cannot be used; {@link #problems()} names each with its file and line. */
public final class InvalidRulesException extends RuntimeException {
    private final List<String> problems;

    public InvalidRulesException(List<String> problems) {
        super("invalid rules or lexicons:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
