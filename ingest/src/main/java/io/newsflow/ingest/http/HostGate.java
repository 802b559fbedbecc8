package io.newsflow.ingest.http;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Politeness per host: at most {@code permits} fetches at once and at least {@code minDelay} between the starts of
 * two fetches. Waiting happens on the caller's (virtual) thread, so a slow host only delays fetches to itself.
 */
final class HostGate {

    /** Held while fetching; closing it lets the next fetch to the host in. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final class HostState {
        final Semaphore permits;
        long nextStartNanos;
        long delayNanos;

        HostState(int permits, long delayNanos) {
            this.permits = new Semaphore(permits, true);
            this.nextStartNanos = System.nanoTime();
            this.delayNanos = delayNanos;
        }
    }

    /** A robots.txt Crawl-delay above this is treated as this (some sites ask for minutes). */
    static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(30);

    /** A host's robots.txt asked for more time between fetches (Crawl-delay); never less than the minimum. */
    void requestDelay(String host, Duration delay) {
        long asked = Math.min(delay.toNanos(), MAX_CRAWL_DELAY.toNanos());
        HostState state = state(host);
        synchronized (state) {
            state.delayNanos = Math.max(minDelayNanos, asked);
        }
    }

    /** A Retry-After longer than this is treated as this: the next poll asks again anyway. */
    static final Duration MAX_PAUSE = Duration.ofMinutes(10);

    /**
     * The host answered 429 or 503 with Retry-After: no fetch to it starts before then (at most {@link #MAX_PAUSE});
     * fetches that would have to wait past their deadline end as HOST_BUSY instead of adding to the load.
     */
    void pause(String host, Duration wait) {
        long until = System.nanoTime() + Math.min(wait.toNanos(), MAX_PAUSE.toNanos());
        HostState state = state(host);
        synchronized (state) {
            state.nextStartNanos = Math.max(state.nextStartNanos, until);
        }
    }

    private HostState state(String host) {
        return hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), key -> new HostState(permitsPerHost,
                minDelayNanos));
    }

    private final int permitsPerHost;
    private final long minDelayNanos;
    private final ConcurrentMap<String, HostState> hosts = new ConcurrentHashMap<>();

    HostGate(int permitsPerHost, Duration minDelay) {
        this.permitsPerHost = permitsPerHost;
        this.minDelayNanos = minDelay.toNanos();
    }

    /**
     * Waits until the host may be fetched again.
     *
     * @return the permit, or null when it did not open within {@code timeout}
     */
    Permit acquire(String host, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HostState state = state(host);
        if (!state.permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        long start;
        synchronized (state) {
            start = Math.max(System.nanoTime(), state.nextStartNanos);
            if (start > deadline) {
                state.permits.release();
                return null;
            }
            state.nextStartNanos = start + state.delayNanos;
        }
        long wait = start - System.nanoTime();
        try {
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // the politeness delay itself
            }
        } catch (InterruptedException e) {
            state.permits.release();
            throw e;
        }
        return state.permits::release;
    }
}
