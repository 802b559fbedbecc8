package io.newsflow.schemas.registry;

import java.util.List;

/** The answer to a compatibility check, with the registry's reasons when it says no. */
public record CompatibilityResult(boolean compatible, List<String> messages) {
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    public static CompatibilityResult ok() {
        return new CompatibilityResult(true, List.of());
    }
}
