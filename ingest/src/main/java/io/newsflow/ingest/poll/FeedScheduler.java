package io.newsflow.ingest.poll;

import io.newsflow.ingest.config.FeedSpec;
import io.newsflow.ingest.fetch.Validators;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every feed on its own schedule, each poll on its own virtual thread. One loop thread wakes when the next
 * feed is due, starts every feed due within the cycle window as one cycle, and goes back to sleep. The lock guards
 * only the schedule, never a fetch, so a feed that stalls holds up nothing but itself; a feed is never polled
 * twice at once; at most {@code feedConcurrency} polls run at the same time.
 */
public final class FeedScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
    private static final Duration IDLE_WAKE = Duration.ofMinutes(1);

    private final FeedPoller poller;
    private final FeedMemory.Store memories;
    private final PollPlanner planner;
    private final Clock clock;
    private final Duration cycleWindow;
    private final Semaphore pollPermits;
    private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, FeedState> feeds = new LinkedHashMap<>();
    private final Map<String, Integer> pollingNow = new HashMap<>();
    private final Thread loop;
    private volatile boolean running = true;
    private volatile Instant lastCycleEnd;

    /** A feed's schedule and what its next poll needs; guarded by the scheduler's lock. */
    private static final class FeedState {
        final String identity;
        FeedSpec spec;
        Validators validators = Validators.NONE;
        Duration declaredTtl;
        int failures;
        Instant dueAt;
        boolean polling;
        boolean removed;

        FeedState(String identity, FeedSpec spec, Instant dueAt) {
            this.identity = identity;
            this.spec = spec;
            this.dueAt = dueAt;
        }
    }

    public FeedScheduler(FeedPoller poller, PollPlanner planner, Clock clock, Duration cycleWindow, int feedConcurrency) {
        this(poller, planner, clock, cycleWindow, feedConcurrency, FeedMemory.Store.NONE);
    }

    /**
     * @param memories where a feed's validators and failures are kept after each poll that changed them, and
     *     recalled when the feed is added (a feed that moved from another instance polls on with them)
     */
    public FeedScheduler(FeedPoller poller, PollPlanner planner, Clock clock, Duration cycleWindow, int feedConcurrency,
            FeedMemory.Store memories) {
        this.memories = memories;
        this.poller = poller;
        this.planner = planner;
        this.clock = clock;
        this.cycleWindow = cycleWindow;
        this.pollPermits = new Semaphore(feedConcurrency);
        this.loop = Thread.ofVirtual().name("feed-scheduler").unstarted(this::run);
    }

    public FeedScheduler start() {
        loop.start();
        return this;
    }

    /**
     * Makes {@code wanted} the feeds polled: new ones are polled soon, removed ones no more, and the settings of
     * kept ones apply from their next poll on (their validators, backoff and schedule are kept).
     */
    public void apply(List<FeedSpec> wanted) {
        lock.lock();
        try {
            Map<String, FeedSpec> byIdentity = new LinkedHashMap<>();
            wanted.forEach(feed -> byIdentity.putIfAbsent(feed.identity(), feed));
            feeds.entrySet().removeIf(entry -> {
                if (!byIdentity.containsKey(entry.getKey())) {
                    entry.getValue().removed = true;
                    log.info("feed {} removed; it is polled no more", entry.getValue().spec.url());
                    return true;
                }
                return false;
            });
            Instant now = clock.instant();
            byIdentity.forEach((identity, spec) -> {
                FeedState state = feeds.get(identity);
                if (state == null) {
                    FeedState added = new FeedState(identity, spec, now.plus(planner.firstDelay(spec.pollInterval())));
                    memories.recall(identity).ifPresent(memory -> {
                        added.validators = memory.validators();
                        added.failures = memory.failuresInARow();
                    });
                    feeds.put(identity, added);
                } else {
                    state.spec = spec;
                }
            });
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        lock.lock();
        try {
            while (running) {
                Instant now = clock.instant();
                List<FeedState> due = new ArrayList<>();
                Instant next = null;
                for (FeedState state : feeds.values()) {
                    if (state.polling) {
                        continue;
                    }
                    if (!state.dueAt.isAfter(now.plus(cycleWindow))) {
                        due.add(state);
                    } else if (next == null || state.dueAt.isBefore(next)) {
                        next = state.dueAt;
                    }
                }
                if (!due.isEmpty()) {
                    startCycle(due);
                    continue;
                }
                Duration wait = next == null ? IDLE_WAKE : Duration.between(now, next);
                changed.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void startCycle(List<FeedState> due) {
        PollCycle cycle = new PollCycle(due.size(), System.nanoTime());
        for (FeedState state : due) {
            state.polling = true;
            FeedSpec spec = state.spec;
            pollingNow.merge(state.identity, 1, Integer::sum);
            Validators validators = state.validators;
            Duration ttl = state.declaredTtl;
            polls.submit(() -> pollOnce(state, spec, validators, ttl, cycle));
        }
    }

    private void pollOnce(FeedState state, FeedSpec spec, Validators validators, Duration ttl, PollCycle cycle) {
        PollOutcome outcome = null;
        try {
            pollPermits.acquire();
            try {
                outcome = poller.poll(spec, validators, ttl);
            } finally {
                pollPermits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("feed {}: poll failed unexpectedly", spec.url(), e);
            outcome = PollOutcome.failure("INTERNAL_ERROR", e.toString(), validators, ttl);
        } finally {
            reschedule(state, outcome);
        }
        String summary = cycle.finish(spec, outcome, System.nanoTime());
        if (summary != null) {
            lastCycleEnd = clock.instant();
            log.info(summary);
        }
    }

    private void reschedule(FeedState state, PollOutcome outcome) {
        lock.lock();
        try {
            state.polling = false;
            pollingNow.computeIfPresent(state.identity, (identity, count) -> count > 1 ? count - 1 : null);
            Duration retryAfter = null;
            FeedMemory before = new FeedMemory(state.validators, state.failures);
            if (outcome != null) {
                retryAfter = outcome.retryAfter();
                state.failures = outcome.failed() ? state.failures + 1 : 0;
                state.validators = outcome.validators();
                state.declaredTtl = outcome.declaredTtl();
            } else {
                state.failures++;
            }
            FeedMemory after = new FeedMemory(state.validators, state.failures);
            if (!after.equals(before) && !state.removed) {
                memories.keep(state.spec, after);
            }
            Duration delay = planner.nextDelay(state.spec.pollInterval(), state.declaredTtl, state.failures, retryAfter);
            state.dueAt = clock.instant().plus(delay);
            if (state.failures > 0 && !state.removed) {
                log.info("feed {}: {} failures in a row; next poll in {}s", state.spec.url(), state.failures,
                        delay.toSeconds());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until none of these feeds (by {@link FeedSpec#identity()}) is being polled, up to {@code timeout};
     * returns whether they all ended. With {@link #apply} first, no new poll of them starts.
     */
    public boolean awaitNotPolling(Set<String> identities, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (identities.stream().anyMatch(pollingNow::containsKey)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A feed's place in the schedule. */
    public record FeedStatus(String url, Instant dueAt, int failuresInARow) {}

    /** Every feed being polled, with when it is next due and its failures in a row; for health and tests. */
    public Map<String, FeedStatus> status() {
        lock.lock();
        try {
            Map<String, FeedStatus> status = new HashMap<>();
            feeds.values().forEach(state ->
                    status.put(state.spec.url(), new FeedStatus(state.spec.url(), state.dueAt, state.failures)));
            return status;
        } finally {
            lock.unlock();
        }
    }

    public boolean isRunning() {
        return running && loop.isAlive();
    }

    /** When the last cycle ended, or null before the first. */
    public Instant lastCycleEnd() {
        return lastCycleEnd;
    }

    /** Stops starting polls, lets the running ones finish within {@code timeout}, then interrupts them. */
    public void stop(Duration timeout) {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        polls.shutdown();
        try {
            if (!polls.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("polls still running after {}; interrupting them", timeout);
                polls.shutdownNow();
                polls.awaitTermination(5, TimeUnit.SECONDS);
            }
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            polls.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
