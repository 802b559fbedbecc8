package io.newsflow.enrich.core.spam;

import java.util.List;

/** A spam rule file that cannot be used; the message lists every problem with its file and rule. */
public final class InvalidSpamRulesException extends RuntimeException {
    private final List<String> problems;

    public InvalidSpamRulesException(List<String> problems) {
        super("invalid spam rules:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
