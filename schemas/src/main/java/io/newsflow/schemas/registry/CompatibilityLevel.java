package io.newsflow.schemas.registry;

/** Confluent's compatibility levels: which earlier versions a new schema must stay compatible with, and how. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    /** New schema can read data written with the latest one. */
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    /** Latest schema can read data written with the new one. */
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public boolean backward() {
        return backward;
    }

    public boolean forward() {
        return forward;
    }

    /** Checked against every earlier version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }
}
