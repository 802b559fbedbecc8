package io.newsflow.common.ops;

/** What one health check found. DEGRADED still serves (for example while retrying); DOWN does not. */
public record Health(Status status, String detail) {
    public enum Status {
        UP,
        DEGRADED,
        DOWN
    }

    public static Health up(String detail) {
        return new Health(Status.UP, detail);
    }

    public static Health degraded(String detail) {
        return new Health(Status.DEGRADED, detail);
    }

    public static Health down(String detail) {
        return new Health(Status.DOWN, detail);
    }
}
