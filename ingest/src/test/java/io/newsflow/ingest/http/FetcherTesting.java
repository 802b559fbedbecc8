package io.newsflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Settings and helpers shared by the fetcher tests: short limits so failure cases end quickly. */
final class FetcherTesting {

    static final FetchLimits SHORT_LIMITS = FetchLimits.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(3))
            .withIdleTimeout(Duration.ofSeconds(3))
            .withTotalTimeout(Duration.ofSeconds(15));

    /** For the stall tests: gives up after half a second of silence. */
    static final FetchLimits IMPATIENT = SHORT_LIMITS.withIdleTimeout(Duration.ofMillis(500));

    /** No politeness delay and no robots (tests that need them turn them on). */
    static final FetchSettings FAST = FetchSettings.DEFAULTS
            .withLimits(SHORT_LIMITS)
            .withPoliteness(8, Duration.ZERO)
            .withRobots(false, Duration.ofHours(1), Duration.ofMinutes(1));

    private FetcherTesting() {
    }

    /** The clients a fetcher builds, trusting the JVM's certificates. */
    static OkHttpExchange.Clients platformClients() throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        return new OkHttpExchange.Clients(SSLContext.getDefault().getSocketFactory(),
                (X509TrustManager) trust.getTrustManagers()[0]);
    }

    /** A resolver that knows only the given names (as /etc/hosts would). */
    static HostResolver hosts(Map<String, List<String>> table) {
        return host -> {
            List<String> addresses = table.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(FetcherTesting::address).toList();
        };
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Fetches {@code url} {@code count} times at once on {@code threads}, and asserts that every fetch got an answer. */
    static void fetchAtOnceAndAssertFetched(ExecutorService threads, SafeFetcher fetcher, URI url, int count)
            throws Exception {
        List<Future<FetchResult>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(threads.submit(() -> fetcher.fetch(FetchRequest.page(url).withAllowPrivateAddress(true))));
        }
        for (Future<FetchResult> result : results) {
            assertFetched(result.get());
        }
    }

    static FetchResult.Fetched assertFetched(FetchResult result) {
        assertThat(result).as("fetch result").isInstanceOf(FetchResult.Fetched.class);
        return (FetchResult.Fetched) result;
    }

    static FetchFailure assertFailure(FetchResult result, FetchFailure.Reason reason) {
        assertThat(result).as("fetch result").isInstanceOf(FetchFailure.class);
        FetchFailure failure = (FetchFailure) result;
        assertThat(failure.reason()).as(failure.message()).isEqualTo(reason);
        return failure;
    }
}
