package io.newsflow.ingest.http;

import io.newsflow.ingest.http.FetchFailure.Reason;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One GET through OkHttp to addresses the caller has already checked against {@link AddressPolicy}.
 *
 * <p>OkHttp does the protocol: HTTP/1.1 framing (Content-Length, chunked, until close), HTTP/2 where TLS offers
 * it, TLS with SNI and the certificate checked against the host name, the connect and read (idle) timeouts, and
 * keep-alive; the total deadline, body included, is {@link Deadlines}'. Each address policy has its own client ({@link Clients}),
 * whose {@code Dns} answers with exactly the addresses the caller checked for this call (OkHttp connects only to
 * what its {@code Dns} returns, so nothing is looked up twice) and whose sockets refuse to connect to an address the
 * policy refuses, a second check on the address actually connected. The clients share their connection pools: OkHttp
 * keys a pooled connection by its address, which includes the {@code Dns} and socket factory, so a connection is
 * only ever reused for the host, port, TLS set-up and policy it was opened and checked for. Redirects, decompression
 * and every byte limit stay here: OkHttp follows no redirect and, since we send {@code Accept-Encoding} ourselves,
 * hands the body over still encoded.
 */
final class OkHttpExchange implements AutoCloseable {

    /** Idle connections kept across every host, and for how long: a re-poll or a feed's pages reuse them. */
    static final int IDLE_CONNECTIONS = 256;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);
    /**
     * Pools the hosts are spread over. OkHttp finds a pooled connection by walking its pool and comparing
     * addresses: one pool of a few hundred connections cost a quarter of the client's CPU in the re-poll profile.
     */
    static final int POOLS = 16;

    /** The call being opened on this thread: its checked addresses for the {@code Dns}, its byte count. */
    private static final ThreadLocal<Hop> OPENING = new ThreadLocal<>();

    private final URI url;
    private final Deadlines deadlines;
    private final Call call;
    private final Response response;
    private final ResponseHeaders headers;
    private final long deadlineNanos;
    private long wireBytes;
    private boolean reusable;

    private OkHttpExchange(URI url, Deadlines deadlines, Call call, Response response, long deadlineNanos) {
        this.url = url;
        this.deadlines = deadlines;
        this.call = call;
        this.response = response;
        this.headers = headers(response.headers());
        this.deadlineNanos = deadlineNanos;
        this.reusable = response.code() == 204 || response.code() == 304;
    }

    /**
     * The clients of one fetcher, one per address policy, on one set of connection pools (a host's connections are
     * in one of {@link #POOLS}, by its name) and one dispatcher: no proxy (a proxy
     * would resolve names itself, out of the address check's reach), no redirects, no cookies, no cache. A request
     * that fails on a pooled connection the server had closed meanwhile is retried once on a new one (OkHttp's
     * {@code retryOnConnectionFailure}; a failure on a fresh connection is not retried on the same address).
     */
    static final class Clients implements AutoCloseable {
        private final OkHttpClient publicOnly;
        private final OkHttpClient privateAllowed;
        private final ConnectionPool[] pools = new ConnectionPool[POOLS];
        private final Deadlines deadlines = new Deadlines();

        Clients(SSLSocketFactory tls, X509TrustManager trust) {
            for (int i = 0; i < POOLS; i++) {
                pools[i] = new ConnectionPool(IDLE_CONNECTIONS / POOLS, KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS);
            }
            OkHttpClient base = new OkHttpClient.Builder()
                    .proxy(Proxy.NO_PROXY)
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .retryOnConnectionFailure(true)
                    .fastFallback(false) // addresses in turn on the calling thread, where the Dns finds its call
                    .sslSocketFactory(tls, trust)
                    .eventListenerFactory(call -> new Connected(call.request().tag(Hop.class)))
                    .addInterceptor(chain -> {
                        FetchLimits limits = chain.request().tag(Hop.class).limits();
                        return chain.withConnectionPool(pools[Math.floorMod(chain.request().url().host().hashCode(),
                                        POOLS)])
                                .withConnectTimeout(millis(limits.connectTimeout()), TimeUnit.MILLISECONDS)
                                .withReadTimeout(millis(limits.idleTimeout()), TimeUnit.MILLISECONDS)
                                .withWriteTimeout(millis(limits.idleTimeout()), TimeUnit.MILLISECONDS)
                                .proceed(chain.request());
                    })
                    .build();
            this.publicOnly = forPolicy(base, false);
            this.privateAllowed = forPolicy(base, true);
        }

        private static OkHttpClient forPolicy(OkHttpClient base, boolean allowPrivate) {
            return base.newBuilder().dns(new CheckedDns(allowPrivate)).socketFactory(new GuardedSockets(allowPrivate))
                    .build();
        }

        OkHttpClient client(boolean allowPrivate) {
            return allowPrivate ? privateAllowed : publicOnly;
        }

        @Override
        public void close() {
            deadlines.close();
            publicOnly.dispatcher().executorService().shutdown();
            for (ConnectionPool pool : pools) {
                pool.evictAll();
            }
        }
    }

    /**
     * The total deadline of the calls open now: a watchdog cancels a call past its deadline (then it fails, and is
     * reported as {@code TIMEOUT}), the body included. In place of OkHttp's call timeout, whose one lock over every
     * call's timer cost a third of the client's CPU in the re-poll profile: here opening and closing a call is a
     * concurrent map's put and remove, and the watchdog looks every {@link #TICK}.
     */
    static final class Deadlines implements AutoCloseable {
        static final Duration TICK = Duration.ofMillis(20);
        private final Map<Call, Long> open = new ConcurrentHashMap<>();
        private final Thread watchdog = Thread.ofPlatform().daemon().name("fetch-deadlines").start(this::watch);

        void watch(Call call, long deadlineNanos) {
            open.put(call, deadlineNanos);
        }

        void forget(Call call) {
            open.remove(call);
        }

        private void watch() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.nanoTime();
                    open.forEach((call, deadline) -> {
                        if (now - deadline >= 0) {
                            call.cancel();
                        }
                    });
                    Thread.sleep(TICK);
                }
            } catch (InterruptedException e) {
                // the fetcher closed
            }
        }

        @Override
        public void close() {
            watchdog.interrupt();
        }
    }

    /** What one call connects to, how long it may take, and what became of its connection. */
    private record Hop(List<InetAddress> addresses, FetchLimits limits, AtomicBoolean connected,
            AtomicLong received) {
        Hop(List<InetAddress> addresses, FetchLimits limits) {
            this(addresses, limits, new AtomicBoolean(), new AtomicLong());
        }
    }

    /**
     * A policy's resolver: the addresses the fetcher checked for the call being opened on this thread, each checked
     * against the policy once more; none when no call is being opened here (fails closed).
     */
    private record CheckedDns(boolean allowPrivate) implements Dns {
        @Override
        public List<InetAddress> lookup(String host) throws UnknownHostException {
            Hop hop = OPENING.get();
            if (hop == null) {
                throw new UnknownHostException(host + ": no checked addresses for a call on this thread");
            }
            for (InetAddress address : hop.addresses()) {
                Optional<String> refusal = AddressPolicy.refusal(address, allowPrivate);
                if (refusal.isPresent()) {
                    throw new RefusedLookup(host + " resolves to " + refusal.get());
                }
            }
            return hop.addresses();
        }
    }

    /** Notes that the call reached its server: over TCP (TLS may still fail), or on a pooled connection. */
    private static final class Connected extends EventListener {
        private final AtomicBoolean connected;

        Connected(Hop hop) {
            this.connected = hop == null ? new AtomicBoolean() : hop.connected();
        }

        @Override
        public void secureConnectStart(Call call) {
            connected.set(true);
        }

        @Override
        public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
            connected.set(true);
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            connected.set(true);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** Connects to one of {@code addresses} (or reuses a pooled connection), sends the request, reads the head. */
    static OkHttpExchange open(Clients clients, URI url, List<InetAddress> addresses, boolean allowPrivate,
            Map<String, String> requestHeaders, FetchLimits limits, long deadlineNanos) throws FetchException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(url, limits);
        }
        HttpUrl target = HttpUrl.parse(url.toASCIIString());
        if (target == null) {
            throw new FetchException(Reason.BAD_URL, url + ": not a URL the HTTP client accepts");
        }
        Headers.Builder sent = new Headers.Builder();
        requestHeaders.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                sent.addUnsafeNonAscii(name, value.replaceAll("[\\r\\n]+", " "));
            }
        });
        Hop hop = new Hop(addresses, limits);
        Call call = clients.client(allowPrivate).newCall(new Request.Builder().url(target).headers(sent.build())
                .tag(Hop.class, hop).build());
        clients.deadlines.watch(call, deadlineNanos); // until the exchange closes: the body included
        Response response;
        OPENING.set(hop);
        try {
            response = call.execute();
        } catch (IOException e) {
            clients.deadlines.forget(call);
            throw headFailure(e, url, hop, deadlineNanos);
        } catch (RuntimeException e) {
            clients.deadlines.forget(call);
            throw e;
        } finally {
            OPENING.remove();
        }
        OkHttpExchange exchange = new OkHttpExchange(url, clients.deadlines, call, response, deadlineNanos);
        long headBytes = response.headers().byteCount() + response.message().length() + 15;
        if (headBytes > limits.maxHeaderBytes()) {
            exchange.close();
            throw headersTooLarge(url, limits);
        }
        return exchange;
    }

    int status() {
        return response.code();
    }

    ResponseHeaders headers() {
        return headers;
    }

    long wireBytes() {
        return wireBytes;
    }

    /**
     * Reads the body, decoding gzip or deflate with both caps enforced while streaming.
     *
     * @param truncate keep the first {@code maxBodyBytes} instead of failing (robots.txt is read that way)
     */
    byte[] readBody(FetchLimits limits, boolean truncate) throws FetchException {
        if (status() == 204 || status() == 304) {
            return new byte[0];
        }
        long announced = announcedLength(limits);
        Limited wire = new Limited(response.body().byteStream(), limits.maxWireBytes());
        List<String> encodings = contentEncodings(headers);
        ByteArrayOutputStream body = new ByteArrayOutputStream(initialCapacity(announced, limits));
        try {
            InputStream decoded = decoder(wire, encodings);
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = decoded.read(buffer)) >= 0) {
                if (total + n > limits.maxBodyBytes()) {
                    if (truncate) {
                        body.write(buffer, 0, (int) (limits.maxBodyBytes() - total));
                        break;
                    }
                    throw encodings.isEmpty()
                            ? new FetchException(Reason.TOO_LARGE, url + ": body larger than "
                                    + limits.maxBodyBytes() + " bytes")
                            : new FetchException(Reason.DECOMPRESSION_BOMB, url + ": " + String.join("+", encodings)
                                    + " body inflates past " + limits.maxBodyBytes() + " bytes (stopped after "
                                    + wire.count() + " bytes on the wire)");
                }
                body.write(buffer, 0, n);
                total += n;
            }
            reusable = true; // read to its end: the connection can serve the next request
            return body.toByteArray();
        } catch (LimitExceededException e) {
            if (truncate) {
                return body.toByteArray();
            }
            throw new FetchException(Reason.TOO_LARGE, url + ": more than " + limits.maxWireBytes()
                    + " body bytes on the wire");
        } catch (ZipException e) {
            throw new FetchException(Reason.PROTOCOL_ERROR, url + ": corrupt " + String.join("+", encodings)
                    + " body: " + e.getMessage(), e);
        } catch (IOException e) {
            throw bodyFailure(e, wire.count(), announced, limits);
        } finally {
            wireBytes = wire.count();
        }
    }

    /**
     * A response read to its end gives its connection back to the pool. Any other is cancelled first, which closes
     * the socket: OkHttp would otherwise read on for a while to keep the connection, and bytes left unread (a
     * redirect's or an error's body, one cut at a limit) must never be taken for the next response.
     */
    @Override
    public void close() {
        if (!reusable) {
            call.cancel();
        }
        response.close();
        deadlines.forget(call);
    }

    /**
     * The Content-Length OkHttp frames the body by, or -1: one value (repeated identical values are one), not
     * negative, within {@code maxWireBytes}. OkHttp takes the last of conflicting values; a response that has two is
     * refused, as a request smuggling attempt would be.
     */
    private long announcedLength(FetchLimits limits) throws FetchException {
        if ("chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
            return -1;
        }
        List<String> lengths = response.headers("Content-Length");
        if (lengths.isEmpty()) {
            return -1;
        }
        long length;
        try {
            List<String> distinct = tokens(lengths).stream().distinct().toList();
            if (distinct.size() != 1) {
                throw new NumberFormatException("conflicting values " + lengths);
            }
            length = Long.parseLong(distinct.get(0));
            if (length < 0) {
                throw new NumberFormatException("negative");
            }
        } catch (NumberFormatException e) {
            throw new FetchException(Reason.PROTOCOL_ERROR, url + ": bad Content-Length " + lengths);
        }
        if (length > limits.maxWireBytes()) {
            throw new FetchException(Reason.TOO_LARGE, url + ": Content-Length " + length + " exceeds the limit of "
                    + limits.maxWireBytes() + " bytes");
        }
        return length;
    }

    private static FetchException headFailure(IOException e, URI url, Hop hop, long deadlineNanos) {
        FetchLimits limits = hop.limits();
        Optional<String> refused = find(e, RefusedAddress.class).map(Throwable::getMessage)
                .or(() -> find(e, RefusedLookup.class).map(Throwable::getMessage));
        if (refused.isPresent()) {
            return new FetchException(Reason.SSRF_BLOCKED, url + ": " + refused.get(), e);
        }
        Optional<FetchException> cut = cutShort(e, url, limits, deadlineNanos);
        if (cut.isPresent()) {
            return cut.get();
        }
        if (!hop.connected().get()) {
            String tried = hop.addresses().stream().map(InetAddress::getHostAddress).toList().toString();
            int port = HttpUrl.parse(url.toASCIIString()).port();
            return new FetchException(Reason.CONNECT_FAILED, url + ": cannot connect to " + tried + " port " + port
                    + ": " + e.getMessage(), e);
        }
        if (find(e, SSLException.class).isPresent()) {
            return new FetchException(Reason.TLS_FAILED, url + ": TLS handshake failed: " + e.getMessage(), e);
        }
        if (e instanceof SocketTimeoutException) {
            return idle(e, url, limits, "response headers");
        }
        if (hop.received().get() > limits.maxHeaderBytes()) {
            return headersTooLarge(url, limits); // OkHttp's own cap (256 KiB) or the connection closed past ours
        }
        return new FetchException(Reason.PROTOCOL_ERROR, url + ": no usable response head: " + e.getMessage(), e);
    }

    private FetchException bodyFailure(IOException e, long received, long announced, FetchLimits limits) {
        Optional<FetchException> cut = cutShort(e, url, limits, deadlineNanos);
        if (cut.isPresent()) {
            return cut.get();
        }
        if (e instanceof SocketTimeoutException) {
            return idle(e, url, limits, "body");
        }
        if (announced >= 0 && received < announced) {
            return new FetchException(Reason.PROTOCOL_ERROR, url + ": body ended after " + received + " of the "
                    + announced + " bytes its Content-Length announced", e);
        }
        if (e instanceof ProtocolException) {
            return new FetchException(Reason.PROTOCOL_ERROR, url + ": " + chunkProblem(e.getMessage()), e);
        }
        if (e instanceof SSLException) {
            return new FetchException(Reason.TLS_FAILED, url + ": TLS failed: " + e.getMessage(), e);
        }
        return new FetchException(Reason.PROTOCOL_ERROR, url + ": connection failed during the body: "
                + e.getMessage(), e);
    }

    /**
     * OkHttp's complaints about a chunk-size line (RFC 9112 7.1: hexadecimal digits, then optional
     * {@code ;extensions}), said in the words of what was wrong; the original follows. Read from the message because
     * nothing else tells the cases apart: OkHttp rethrows okio's {@code NumberFormatException} as a
     * {@code ProtocolException} with the message alone. An unknown wording still ends as a protocol error, only
     * less precisely named; {@code SafeFetcherLimitsTest} pins each case, so an upgrade that rewords one fails there.
     */
    static String chunkProblem(String okhttp) {
        String said = String.valueOf(okhttp);
        String what;
        if (said.startsWith("Expected leading [0-9a-fA-F] character but was 0xd")
                || said.startsWith("Expected leading [0-9a-fA-F] character but was 0xa")) {
            what = "empty chunk size line";
        } else if (said.startsWith("Number too large") || said.startsWith("expected chunk size and optional"
                + " extensions but was \"-")) {
            what = "chunk size overflows"; // past 2^63-1: okio's reader wraps negative at 16 digits
        } else if (said.startsWith("Expected leading") || said.startsWith("expected chunk size")) {
            what = "chunk size is not hexadecimal";
        } else {
            what = "malformed chunked body";
        }
        return what + " (" + said + ")";
    }

    private static boolean deadlinePassed(long deadlineNanos) {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /**
     * A failure that is the fetch being stopped rather than the server's doing: the thread was interrupted (the
     * service stopping; the JDK closes a virtual thread's socket under its read), or the total deadline passed.
     */
    private static Optional<FetchException> cutShort(IOException e, URI url, FetchLimits limits, long deadlineNanos) {
        if (Thread.currentThread().isInterrupted()) {
            return Optional.of(new FetchException(Reason.INTERRUPTED, url + ": interrupted", e));
        }
        return deadlinePassed(deadlineNanos) ? Optional.of(timeout(url, limits)) : Optional.empty();
    }

    private static FetchException idle(IOException e, URI url, FetchLimits limits, String phase) {
        return new FetchException(Reason.IDLE_TIMEOUT, url + ": server silent for "
                + limits.idleTimeout().toMillis() + " ms while sending the " + phase, e);
    }

    private static FetchException headersTooLarge(URI url, FetchLimits limits) {
        return new FetchException(Reason.HEADERS_TOO_LARGE, url + ": response headers exceed "
                + limits.maxHeaderBytes() + " bytes");
    }

    private static FetchException timeout(URI url, FetchLimits limits) {
        return new FetchException(Reason.TIMEOUT, url + ": not done within the total timeout of "
                + limits.totalTimeout().toMillis() + " ms");
    }

    private static <T extends Throwable> Optional<T> find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                Optional<T> found = find(suppressed, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static ResponseHeaders headers(Headers headers) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            pairs.add(Map.entry(headers.name(i), headers.value(i)));
        }
        return ResponseHeaders.of(pairs);
    }

    private static int initialCapacity(long announced, FetchLimits limits) {
        long expected = announced >= 0 ? announced : 8192;
        return (int) Math.max(256, Math.min(expected, Math.min(limits.maxBodyBytes(), 1 << 20)));
    }

    private static List<String> contentEncodings(ResponseHeaders headers) {
        return tokens(headers.all("Content-Encoding")).stream().filter(coding -> !coding.equals("identity")).toList();
    }

    private InputStream decoder(InputStream wire, List<String> encodings) throws IOException, FetchException {
        if (encodings.size() > 2) {
            throw new FetchException(Reason.UNSUPPORTED_ENCODING, url + ": " + encodings.size()
                    + " stacked content encodings");
        }
        InputStream stream = wire;
        for (int i = encodings.size() - 1; i >= 0; i--) {
            String coding = encodings.get(i);
            stream = switch (coding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(stream, 8192);
                case "deflate" -> inflater(stream);
                default -> throw new FetchException(Reason.UNSUPPORTED_ENCODING, url
                        + ": Content-Encoding " + coding + " was not requested");
            };
        }
        return stream;
    }

    /** "deflate" is zlib-wrapped by the RFC, raw DEFLATE by some servers: look at the first two bytes. */
    private static InputStream inflater(InputStream stream) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(stream, 2);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean zlib = first >= 0 && second >= 0 && (first & 0x0f) == 8 && ((first << 8) | second) % 31 == 0;
        return new InflaterInputStream(buffered, new Inflater(!zlib), 8192);
    }

    private static List<String> tokens(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Thrown by {@link Limited} when the cap is passed. */
    private static final class LimitExceededException extends IOException {
        LimitExceededException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    /** Counts the body bytes OkHttp hands over (still encoded) and fails once more than {@code limit} passed. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, limit - count + 1));
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws LimitExceededException {
            count += n;
            if (count > limit) {
                throw new LimitExceededException(limit);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(n, 8192)]);
        }
    }

    /** A connect to an address the policy refuses; never expected, since the Dns hands out checked ones only. */
    private static final class RefusedAddress extends ConnectException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    /** A lookup answered with an address the policy refuses; never expected, as {@link RefusedAddress}. */
    private static final class RefusedLookup extends UnknownHostException {
        RefusedLookup(String message) {
            super(message);
        }
    }

    /**
     * A policy's sockets: each checks the address it is about to connect to, and counts the bytes it receives for the
     * call being opened on this thread (to tell headers that were too large from a connection closed inside them).
     */
    private static final class GuardedSockets extends SocketFactory {
        private final boolean allowPrivate;

        GuardedSockets(boolean allowPrivate) {
            this.allowPrivate = allowPrivate;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    InetAddress address = ((InetSocketAddress) endpoint).getAddress();
                    Optional<String> refusal = AddressPolicy.refusal(address, allowPrivate);
                    if (refusal.isPresent()) {
                        throw new RefusedAddress("connecting to " + refusal.get());
                    }
                    super.connect(endpoint, timeout);
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    return new FilterInputStream(super.getInputStream()) {
                        @Override
                        public int read() throws IOException {
                            int b = super.read();
                            count(b >= 0 ? 1 : 0);
                            return b;
                        }

                        @Override
                        public int read(byte[] buffer, int offset, int length) throws IOException {
                            int n = super.read(buffer, offset, length);
                            count(n);
                            return n;
                        }
                    };
                }
            };
        }

        private static void count(int received) {
            Hop opening = OPENING.get();
            if (received > 0 && opening != null) {
                opening.received().addAndGet(received);
            }
        }

        // OkHttp asks only for unconnected sockets; the others are connected through the same check, and a
        // name is never resolved here (that is the fetcher's, once, before the check).

        @Override
        public Socket createSocket(String host, int port) throws UnknownHostException {
            throw new UnknownHostException(host + ": names are resolved and checked by the fetcher");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
                throws UnknownHostException {
            return createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket(host, port, null, 0);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            Socket socket = createSocket();
            socket.bind(new InetSocketAddress(localAddress, localPort));
            socket.connect(new InetSocketAddress(address, port));
            return socket;
        }
    }
}
