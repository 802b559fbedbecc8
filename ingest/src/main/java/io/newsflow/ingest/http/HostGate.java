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

        HostState(int permits) {
            this.permits = new Semaphore(permits, true);
            this.nextStartNanos = System.nanoTime();
        }
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
        HostState state = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), key -> new HostState(permitsPerHost));
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
            state.nextStartNanos = start + minDelayNanos;
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

    /** Hosts that have been fetched (their state is kept; a few hundred bytes each). */
    int knownHosts() {
        return hosts.size();
    }
}
