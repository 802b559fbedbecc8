package io.newsflow.sink.runtime;

import io.newsflow.common.ops.Health;
import io.newsflow.common.ops.HealthCheck;

/**
 * The sink's health as {@code /health} reports it: UP when Elasticsearch answers and partitions are assigned;
 * DEGRADED, naming the cause, while the circuit breaker is open, while Elasticsearch is unreachable, while records
 * wait for a retry after an environment fault (the sink resumes by itself), or when no partition is assigned; DOWN
 * when the sink stopped on a fatal error. Written by the poll loop, read by the ops server's threads.
 */
public final class SinkHealth implements HealthCheck {

    private volatile boolean elasticsearchReachable;
    private volatile String elasticsearchProblem = "not contacted yet";
    private volatile int assignedPartitions;
    private volatile int waitingForRetry;
    private volatile String fatal;
    private volatile boolean running;
    private volatile String breaker;
    private volatile String environmentFault;

    @Override
    public Health check() {
        if (fatal != null) {
            return Health.down("stopped: " + fatal);
        }
        if (!running) {
            return Health.down("not running");
        }
        if (breaker != null) {
            return Health.degraded(breaker);
        }
        if (!elasticsearchReachable) {
            return Health.degraded("Elasticsearch unreachable (" + elasticsearchProblem + "); retrying, "
                    + waitingForRetry + " records waiting");
        }
        String fault = environmentFault;
        if (fault != null) {
            return Health.degraded("environment fault " + fault + "; " + waitingForRetry + " records waiting,"
                    + " retried until it passes");
        }
        if (waitingForRetry > 0) {
            return Health.degraded(waitingForRetry + " records waiting for a retry");
        }
        if (assignedPartitions == 0) {
            return Health.degraded("no partitions assigned");
        }
        return Health.up(assignedPartitions + " partitions assigned, Elasticsearch reachable");
    }

    void elasticsearchReachable() {
        elasticsearchReachable = true;
        elasticsearchProblem = "";
    }

    void elasticsearchUnreachable(String problem) {
        elasticsearchReachable = false;
        elasticsearchProblem = problem;
    }

    void assignedPartitions(int count) {
        assignedPartitions = count;
    }

    void waitingForRetry(int count) {
        waitingForRetry = count;
    }

    /** The open circuit breaker's description, or null when it is closed. */
    void breaker(String description) {
        breaker = description;
    }

    /** The latest environment fault ({@code cause: type (remedy)}), or null once nothing waits for a retry. */
    void environmentFault(String description) {
        environmentFault = description;
    }

    void running(boolean value) {
        running = value;
    }

    void fatal(String reason) {
        fatal = reason;
    }
}
