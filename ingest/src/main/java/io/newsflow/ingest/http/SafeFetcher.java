package io.newsflow.ingest.http;

import io.newsflow.ingest.http.FetchFailure.Reason;
import io.newsflow.ingest.url.Urls;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches feeds and pages safely: SSRF-checked on the address actually connected and on every redirect hop,
 * bounded in bytes (before and after decompression), time (total deadline, idle timeout) and header size, polite
 * per host, and obeying robots.txt for pages. Thread-safe; one per service. Blocking calls meant for virtual threads.
 *
 * <p>The protocol is OkHttp's ({@link OkHttpExchange}); the safety is here: the host name is resolved once, every
 * address is checked, and OkHttp is handed exactly the checked addresses (its sockets check again on connect), so
 * DNS rebinding between check and connect is impossible. Redirects are followed here, each hop checked like the
 * first; see docs/ingest-fetching.md.
 */
public final class SafeFetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SafeFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchSettings settings;
    private final HostResolver resolver;
    private final OkHttpExchange.Clients http;
    private final HostGate gate;
    private final RobotsCache robots = new RobotsCache();
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    private SafeFetcher(FetchSettings settings, HostResolver resolver, SSLSocketFactory tls, X509TrustManager trust) {
        this.settings = settings;
        this.resolver = resolver;
        this.http = new OkHttpExchange.Clients(tls, trust);
        this.gate = new HostGate(settings.maxConnectionsPerHost(), settings.minDelayPerHost());
    }

    public static SafeFetcher create(FetchSettings settings) {
        return builder(settings).build();
    }

    public static Builder builder(FetchSettings settings) {
        return new Builder(settings);
    }

    /** Optional collaborators; the defaults are the system resolver and the JVM's default trusted certificates. */
    public static final class Builder {
        private final FetchSettings settings;
        private HostResolver resolver = HostResolver.system();
        private X509TrustManager trust;

        private Builder(FetchSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder resolver(HostResolver value) {
            this.resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /** The certificates trusted for https (tests trust their own server's). */
        public Builder trustManager(X509TrustManager value) {
            this.trust = Objects.requireNonNull(value, "trustManager");
            return this;
        }

        public SafeFetcher build() {
            try {
                X509TrustManager trusted = trust != null ? trust : platformTrust();
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trusted}, null);
                return new SafeFetcher(settings, resolver, context.getSocketFactory(), trusted);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no TLS context in this JVM", e);
            }
        }

        private static X509TrustManager platformTrust() throws GeneralSecurityException {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new GeneralSecurityException("the JVM's default TrustManagerFactory has no X509TrustManager");
        }
    }

    public FetchSettings settings() {
        return settings;
    }

    /** Fetches, following at most the allowed redirects. Never throws for network or server behaviour. */
    public FetchResult fetch(FetchRequest request) {
        Objects.requireNonNull(request, "request");
        FetchLimits limits = request.limits() != null ? request.limits() : settings.limits();
        Clock clock = new Clock(limits.totalTimeout());
        URI current = request.url();
        List<URI> redirects = new ArrayList<>();
        try {
            while (true) {
                String scheme = Optional.ofNullable(current.getScheme()).orElse("").toLowerCase(Locale.ROOT);
                // file: is for feed files named in the local config (allowFileScheme), never for a page a feed
                // links to, nor for a redirect: a feed's author must not make ingest read this machine's files.
                if (scheme.equals("file") && settings.allowFileScheme() && redirects.isEmpty()
                        && request.purpose() == Purpose.FEED) {
                    return readFile(request, current, limits, clock);
                }
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new FetchException(Reason.BAD_SCHEME, current + ": scheme '" + scheme + "' refused"
                            + (redirects.isEmpty() ? "" : " (redirected from " + redirects.get(redirects.size() - 1)
                            + ")") + "; only http and https are fetched");
                }
                URI target = withNumericHostSpelledOut(current);
                String host = bareHost(target);
                if (host == null || host.isEmpty()) {
                    throw new FetchException(Reason.BAD_URL, current + ": no usable host name");
                }
                if (request.purpose() == Purpose.PAGE && settings.obeyRobots()) {
                    long before = System.nanoTime();
                    checkRobots(request, target, limits);
                    clock.exclude(System.nanoTime() - before); // robots.txt has its own deadline
                }
                List<InetAddress> addresses = resolveAndCheck(current, host, request.allowPrivateAddress(), clock);
                try (HostGate.Permit permit = enterGate(current, host, limits, clock);
                        OkHttpExchange exchange = OkHttpExchange.open(http, target, addresses,
                                request.allowPrivateAddress(), requestHeaders(request), limits,
                                clock.deadlineNanos())) {
                    int status = exchange.status();
                    ResponseHeaders headers = exchange.headers();
                    Optional<String> location = headers.first("Location");
                    if (REDIRECTS.contains(status) && location.isPresent()) {
                        if (redirects.size() >= limits.maxRedirects()) {
                            redirects.add(current);
                            throw new FetchException(Reason.TOO_MANY_REDIRECTS, request.url() + ": more than "
                                    + limits.maxRedirects() + " redirects: " + chain(redirects, location.get()));
                        }
                        URI next = Urls.resolve(current, location.get()).orElseThrow(() -> new FetchException(
                                Reason.PROTOCOL_ERROR, request.url() + ": unusable redirect Location '"
                                + location.get() + "'"));
                        redirects.add(current);
                        current = next;
                        continue;
                    }
                    if (status == 304) {
                        return new FetchResult.NotModified(request.url(), current, headers, clock.elapsed());
                    }
                    if (status < 200 || status > 299) {
                        headers.waitAskedFor(status, Instant.now()).ifPresent(wait -> gate.pause(host, wait));
                        throw new FetchException(Reason.HTTP_ERROR, current + ": HTTP " + status, status,
                                headers, null);
                    }
                    byte[] body = exchange.readBody(limits, request.purpose() == Purpose.ROBOTS);
                    return new FetchResult.Fetched(request.url(), current, redirects, status, headers, body,
                            exchange.wireBytes(), clock.elapsed());
                }
            }
        } catch (FetchException e) {
            LOG.debug("fetch of {} failed: {}", request.url(), e.getMessage());
            return new FetchFailure(request.url(), current, e.reason(), e.getMessage(), e.status(), e.headers(),
                    clock.elapsed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchFailure(request.url(), current, Reason.INTERRUPTED, current + ": interrupted", 0, null,
                    clock.elapsed());
        }
    }

    private HostGate.Permit enterGate(URI url, String host, FetchLimits limits, Clock clock)
            throws FetchException, InterruptedException {
        long before = System.nanoTime();
        HostGate.Permit permit = gate.acquire(host, limits.totalTimeout());
        clock.exclude(System.nanoTime() - before);
        if (permit == null) {
            throw new FetchException(Reason.HOST_BUSY, url + ": host " + host + " stayed busy for "
                    + limits.totalTimeout().toMillis() + " ms (per-host politeness limit)");
        }
        return permit;
    }

    /** Resolves once and checks every address; the socket is later connected to one of exactly these. */
    private List<InetAddress> resolveAndCheck(URI url, String host, boolean allowPrivate, Clock clock)
            throws FetchException, InterruptedException {
        Optional<InetAddress> literal = literalAddress(host);
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            Optional<String> nameRefusal = AddressPolicy.nameRefusal(host, allowPrivate);
            if (nameRefusal.isPresent()) {
                throw new FetchException(Reason.SSRF_BLOCKED, url + ": " + nameRefusal.get());
            }
            addresses = lookup(url, host, clock);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = AddressPolicy.refusal(address, allowPrivate);
            if (refusal.isPresent()) {
                throw new FetchException(Reason.SSRF_BLOCKED, url + ": " + (literal.isPresent() ? ""
                        : host + " resolves to ") + refusal.get());
            }
        }
        return addresses;
    }

    private List<InetAddress> lookup(URI url, String host, Clock clock) throws FetchException, InterruptedException {
        Future<List<InetAddress>> answer = lookups.submit(() -> resolver.resolve(host));
        try {
            List<InetAddress> addresses = answer.get(Math.max(1, clock.remainingNanos()), TimeUnit.NANOSECONDS);
            if (addresses == null || addresses.isEmpty()) {
                throw new FetchException(Reason.DNS_FAILED, url + ": " + host + " has no address");
            }
            return addresses;
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof UnknownHostException ? "unknown host" : String.valueOf(e.getCause());
            throw new FetchException(Reason.DNS_FAILED, url + ": cannot resolve " + host + ": " + why, e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new FetchException(Reason.TIMEOUT, url + ": resolving " + host + " outlasted the total timeout");
        }
    }

    /** IP literals in any spelling (IPv6 in brackets, inet_aton IPv4 forms); these never touch DNS. */
    static Optional<InetAddress> literalAddress(String host) {
        if (host.indexOf(':') >= 0) {
            try {
                InetAddress address = InetAddress.getByName(host); // IPv6 literal: parsed, not looked up
                if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                    return Optional.of(InetAddress.getByAddress(v6.getAddress()));
                }
                return Optional.of(address);
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return AddressPolicy.parseLenientIpv4(host).map(InetAddress.class::cast);
    }

    /**
     * java.net.URI gives no host for numeric spellings such as {@code 127.1} or {@code 0x7f.1} (they are neither
     * names nor dotted quads); spell them as the dotted quad they mean so the address check sees them.
     * Credentials in the authority are dropped: they are never sent.
     */
    static URI withNumericHostSpelledOut(URI url) {
        if (url.getHost() != null || url.getRawAuthority() == null) {
            return url;
        }
        String authority = url.getRawAuthority();
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        String port = colon >= 0 ? hostPort.substring(colon) : "";
        Optional<java.net.Inet4Address> ip = AddressPolicy.parseLenientIpv4(host);
        if (ip.isEmpty()) {
            return url;
        }
        StringBuilder rebuilt = new StringBuilder(url.getScheme()).append("://")
                .append(ip.get().getHostAddress()).append(port)
                .append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            rebuilt.append('?').append(url.getRawQuery());
        }
        try {
            return new URI(rebuilt.toString());
        } catch (java.net.URISyntaxException e) {
            return url;
        }
    }

    /** The URL's host without IPv6 brackets, or null when the URL has none. */
    static String bareHost(URI url) {
        String host = url.getHost();
        if (host == null) {
            return null;
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private void checkRobots(FetchRequest request, URI url, FetchLimits limits)
            throws FetchException, InterruptedException {
        String origin = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority();
        URI robotsUrl = URI.create(origin + "/robots.txt");
        RobotsRules rules = robots.rules(origin + "|" + request.allowPrivateAddress(),
                () -> loadRobots(request, robotsUrl, limits));
        rules.crawlDelay().ifPresent(delay -> gate.requestDelay(bareHost(url), delay));
        String raw = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String pathAndQuery = url.getRawQuery() == null ? raw : raw + "?" + url.getRawQuery();
        if (!rules.allows(pathAndQuery)) {
            throw new FetchException(Reason.ROBOTS_DISALLOWED, url + ": disallowed by " + robotsUrl + " for "
                    + FetchSettings.ROBOTS_TOKEN);
        }
    }

    /** 2xx: parse; 4xx: no rules; 5xx, 429 or unreachable: disallow everything for a while (RFC 9309 2.3.1). */
    private RobotsCache.Entry loadRobots(FetchRequest page, URI robotsUrl, FetchLimits limits) {
        FetchLimits robotsLimits = limits.withMaxWireBytes(settings.maxRobotsBytes())
                .withMaxBodyBytes(settings.maxRobotsBytes());
        FetchRequest request = new FetchRequest(robotsUrl, Purpose.ROBOTS, null, null, page.userAgent(),
                page.allowPrivateAddress(), robotsLimits);
        FetchResult result = fetch(request);
        long now = System.nanoTime();
        long good = now + settings.robotsCacheTtl().toNanos();
        long bad = now + settings.robotsErrorTtl().toNanos();
        return switch (result) {
            case FetchResult.Fetched fetched -> new RobotsCache.Entry(
                    RobotsRules.parse(new String(fetched.body(), java.nio.charset.StandardCharsets.UTF_8),
                            FetchSettings.ROBOTS_TOKEN), good);
            case FetchResult.NotModified notModified -> new RobotsCache.Entry(RobotsRules.ALLOW_ALL, good);
            case FetchFailure failure when failure.reason() == Reason.HTTP_ERROR && failure.status() >= 400
                    && failure.status() < 500 && failure.status() != 429 -> new RobotsCache.Entry(RobotsRules.ALLOW_ALL,
                    good);
            case FetchFailure failure when failure.reason() == Reason.TOO_MANY_REDIRECTS ->
                    new RobotsCache.Entry(RobotsRules.ALLOW_ALL, good);
            case FetchFailure failure -> {
                LOG.debug("robots.txt unavailable, disallowing {} for {}: {}", robotsUrl,
                        settings.robotsErrorTtl(), failure.message());
                yield new RobotsCache.Entry(RobotsRules.DISALLOW_ALL, bad);
            }
        };
    }

    private Map<String, String> requestHeaders(FetchRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", request.userAgentOverride().orElse(settings.userAgent()));
        headers.put("Accept", switch (request.purpose()) {
            case FEED -> "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9,"
                    + " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
            case PAGE -> "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
            case ROBOTS -> "text/plain, */*;q=0.5";
        });
        headers.put("Accept-Encoding", "gzip, deflate");
        headers.put("If-None-Match", request.ifNoneMatch());
        headers.put("If-Modified-Since", request.ifModifiedSince());
        return headers;
    }

    private FetchResult readFile(FetchRequest request, URI url, FetchLimits limits, Clock clock)
            throws FetchException {
        try {
            Path path = Path.of(url);
            long size = Files.size(path);
            if (size > limits.maxBodyBytes()) {
                throw new FetchException(Reason.TOO_LARGE, url + ": file of " + size + " bytes exceeds the limit of "
                        + limits.maxBodyBytes());
            }
            byte[] body = Files.readAllBytes(path);
            String type = Files.probeContentType(path);
            ResponseHeaders headers = type == null ? ResponseHeaders.EMPTY
                    : ResponseHeaders.of(List.of(Map.entry("Content-Type", type)));
            return new FetchResult.Fetched(request.url(), url, List.of(), 200, headers, body, body.length,
                    clock.elapsed());
        } catch (IOException | IllegalArgumentException e) {
            throw new FetchException(Reason.FILE_ERROR, url + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String chain(List<URI> hops, String last) {
        StringBuilder text = new StringBuilder();
        for (URI hop : hops) {
            text.append(hop).append(" -> ");
        }
        return text.append(last).toString();
    }

    @Override
    public void close() {
        lookups.shutdownNow();
        http.close();
    }

    /** The fetch deadline; politeness waits are excluded (they push the deadline and are not counted). */
    private static final class Clock {
        private final long started = System.nanoTime();
        private long excluded;
        private final long budgetNanos;

        Clock(Duration total) {
            this.budgetNanos = total.toNanos();
        }

        void exclude(long nanos) {
            excluded += nanos;
        }

        long deadlineNanos() {
            return started + excluded + budgetNanos;
        }

        long remainingNanos() {
            return deadlineNanos() - System.nanoTime();
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started - excluded);
        }
    }
}
