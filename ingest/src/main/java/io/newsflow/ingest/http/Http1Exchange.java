package io.newsflow.ingest.http;

import io.newsflow.ingest.http.FetchFailure.Reason;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET over a socket that this class connects to an address the caller has already validated.
 *
 * <p>Connecting ourselves is what makes the SSRF check hold: the address that was checked is the address that is
 * connected, there is no second DNS lookup. TLS is layered on that socket with the host name for SNI and
 * certificate verification. A watchdog closes the socket at the deadline; the socket read timeout is the idle
 * timeout. One request per connection ({@code Connection: close}).
 */
final class Http1Exchange implements AutoCloseable {

    record Head(int status, ResponseHeaders headers) {
    }

    private final URI url;
    private final Socket socket;
    private final InputStream in;
    private final ScheduledFuture<?> watchdog;
    private final AtomicBoolean deadlinePassed;
    private final Head head;
    private long wireBytes;

    private Http1Exchange(URI url, Socket socket, InputStream in, ScheduledFuture<?> watchdog,
            AtomicBoolean deadlinePassed, Head head) {
        this.url = url;
        this.socket = socket;
        this.in = in;
        this.watchdog = watchdog;
        this.deadlinePassed = deadlinePassed;
        this.head = head;
    }

    /** Connects to one of {@code addresses}, sends the request and reads the response head. */
    static Http1Exchange open(URI url, List<InetAddress> addresses, Map<String, String> requestHeaders,
            FetchLimits limits, long deadlineNanos, SSLSocketFactory tls, ScheduledExecutorService scheduler)
            throws FetchException {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        AtomicBoolean deadlinePassed = new AtomicBoolean();
        Socket socket = connect(url, addresses, port, limits, deadlineNanos);
        ScheduledFuture<?> watchdog = scheduler.schedule(() -> {
            deadlinePassed.set(true);
            closeQuietly(socket);
        }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        Socket active = socket;
        try {
            socket.setSoTimeout(millis(limits.idleTimeout().toNanos()));
            if (https) {
                active = startTls(socket, url, port, tls, deadlinePassed);
            }
            OutputStream out = active.getOutputStream();
            out.write(requestBytes(url, requestHeaders));
            out.flush();
            InputStream in = new BufferedInputStream(active.getInputStream(), 16 * 1024);
            Head head = readHead(in, limits.maxHeaderBytes(), url);
            return new Http1Exchange(url, active, in, watchdog, deadlinePassed, head);
        } catch (IOException e) {
            watchdog.cancel(false);
            closeQuietly(active);
            throw translate(e, url, deadlinePassed, limits, "response headers");
        } catch (FetchException e) {
            watchdog.cancel(false);
            closeQuietly(active);
            throw deadlinePassed.get() ? timeout(url, limits) : e;
        }
    }

    Head head() {
        return head;
    }

    long wireBytes() {
        return wireBytes;
    }

    /**
     * Reads the body, decoding gzip or deflate with both caps enforced while streaming.
     *
     * @param truncate keep the first {@code maxBodyBytes} instead of failing (robots.txt is read that way)
     */
    byte[] readBody(String method, FetchLimits limits, boolean truncate) throws FetchException {
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
            return new byte[0];
        }
        ResponseHeaders headers = head.headers();
        BodyStreams.Limited wire = new BodyStreams.Limited(framed(headers, limits), limits.maxWireBytes());
        List<String> encodings = contentEncodings(headers);
        ByteArrayOutputStream body = new ByteArrayOutputStream(initialCapacity(headers, limits));
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
            return body.toByteArray();
        } catch (BodyStreams.LimitExceededException e) {
            if (truncate) {
                return body.toByteArray();
            }
            throw new FetchException(Reason.TOO_LARGE, url + ": more than " + limits.maxWireBytes()
                    + " body bytes on the wire");
        } catch (ZipException e) {
            throw new FetchException(Reason.PROTOCOL_ERROR, url + ": corrupt " + String.join("+", encodings)
                    + " body: " + e.getMessage(), e);
        } catch (IOException e) {
            throw translate(e, url, deadlinePassed, limits, "body");
        } finally {
            wireBytes = wire.count();
        }
    }

    @Override
    public void close() {
        watchdog.cancel(false);
        closeQuietly(socket);
    }

    private static Socket connect(URI url, List<InetAddress> addresses, int port, FetchLimits limits,
            long deadlineNanos) throws FetchException {
        IOException last = null;
        for (InetAddress address : addresses) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                throw timeout(url, limits);
            }
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                int timeout = millis(Math.min(remaining, limits.connectTimeout().toNanos()));
                socket.connect(new InetSocketAddress(address, port), timeout);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        String tried = addresses.stream().map(InetAddress::getHostAddress).toList().toString();
        throw new FetchException(Reason.CONNECT_FAILED, url + ": cannot connect to " + tried + " port " + port
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static SSLSocket startTls(Socket socket, URI url, int port, SSLSocketFactory tls,
            AtomicBoolean deadlinePassed) throws FetchException, IOException {
        String host = SafeFetcher.bareHost(url);
        try {
            SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.contains(":") && AddressPolicy.parseLenientIpv4(host).isEmpty()) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            return ssl;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SSLException e) {
            if (deadlinePassed.get()) {
                throw e;
            }
            throw new FetchException(Reason.TLS_FAILED, url + ": TLS handshake failed: " + e.getMessage(), e);
        }
    }

    static byte[] requestBytes(URI url, Map<String, String> headers) {
        URI ascii = URI.create(url.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        StringBuilder request = new StringBuilder(256);
        request.append("GET ").append(target).append(" HTTP/1.1\r\n");
        request.append("Host: ").append(hostHeader(ascii)).append("\r\n");
        headers.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                request.append(name).append(": ").append(value.replaceAll("[\\r\\n]+", " ")).append("\r\n");
            }
        });
        request.append("Connection: close\r\n\r\n");
        return request.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hostHeader(URI url) {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort();
        boolean defaultPort = port < 0 || (https && port == 443) || (!https && port == 80);
        return defaultPort ? url.getHost() : url.getHost() + ":" + port;
    }

    /** Reads the status line and headers, skipping 1xx interim responses, within {@code maxBytes} in total. */
    static Head readHead(InputStream in, int maxBytes, URI url) throws IOException, FetchException {
        int budget = maxBytes;
        while (true) {
            List<String> lines = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new FetchException(Reason.PROTOCOL_ERROR, url + ": connection closed "
                            + (lines.isEmpty() && line.size() == 0 ? "before any response" : "inside the headers"));
                }
                if (--budget < 0) {
                    throw new FetchException(Reason.HEADERS_TOO_LARGE, url + ": response headers exceed "
                            + maxBytes + " bytes");
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    line.reset();
                    if (text.isEmpty()) {
                        if (lines.isEmpty()) {
                            continue; // tolerate stray blank lines before the status line
                        }
                        break;
                    }
                    lines.add(text);
                } else {
                    line.write(b);
                }
            }
            Head head = parseHead(lines, url);
            if (head.status() >= 200 || head.status() == 101) {
                return head;
            }
        }
    }

    private static Head parseHead(List<String> lines, URI url) throws FetchException {
        String statusLine = lines.get(0);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new FetchException(Reason.PROTOCOL_ERROR, url + ": not an HTTP/1.x status line: "
                    + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new FetchException(Reason.PROTOCOL_ERROR, url + ": bad status code " + abbreviate(parts[1]));
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String headerLine = lines.get(i);
            if ((headerLine.startsWith(" ") || headerLine.startsWith("\t")) && !pairs.isEmpty()) {
                Map.Entry<String, String> previous = pairs.remove(pairs.size() - 1);
                pairs.add(Map.entry(previous.getKey(), previous.getValue() + " " + headerLine.strip()));
                continue;
            }
            int colon = headerLine.indexOf(':');
            if (colon <= 0) {
                continue; // ignore garbage lines, as browsers do
            }
            pairs.add(Map.entry(headerLine.substring(0, colon).strip(), headerLine.substring(colon + 1).strip()));
        }
        return new Head(status, ResponseHeaders.of(pairs));
    }

    private InputStream framed(ResponseHeaders headers, FetchLimits limits) throws FetchException {
        List<String> transferCodings = tokens(headers.all("Transfer-Encoding"));
        if (!transferCodings.isEmpty()) {
            if (!transferCodings.get(transferCodings.size() - 1).equals("chunked")) {
                return in; // not chunked last: read until close, as RFC 9112 says
            }
            return new BodyStreams.Chunked(in);
        }
        List<String> lengths = headers.all("Content-Length");
        if (lengths.isEmpty()) {
            return in;
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
        return new BodyStreams.FixedLength(in, length);
    }

    private static int initialCapacity(ResponseHeaders headers, FetchLimits limits) {
        try {
            long announced = Long.parseLong(headers.first("Content-Length").orElse("8192").strip());
            return (int) Math.max(256, Math.min(announced, Math.min(limits.maxBodyBytes(), 1 << 20)));
        } catch (NumberFormatException e) {
            return 8192;
        }
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

    private static FetchException translate(IOException e, URI url, AtomicBoolean deadlinePassed, FetchLimits limits,
            String phase) {
        if (deadlinePassed.get()) {
            return timeout(url, limits);
        }
        if (e instanceof SocketTimeoutException) {
            return new FetchException(Reason.IDLE_TIMEOUT, url + ": server silent for "
                    + limits.idleTimeout().toMillis() + " ms while sending the " + phase, e);
        }
        if (e instanceof BodyStreams.FramingException || e instanceof EOFException) {
            return new FetchException(Reason.PROTOCOL_ERROR, url + ": " + e.getMessage(), e);
        }
        if (e instanceof SSLException) {
            return new FetchException(Reason.TLS_FAILED, url + ": TLS failed: " + e.getMessage(), e);
        }
        return new FetchException(Reason.PROTOCOL_ERROR, url + ": connection failed during the " + phase + ": "
                + e.getMessage(), e);
    }

    private static FetchException timeout(URI url, FetchLimits limits) {
        return new FetchException(Reason.TIMEOUT, url + ": not done within the total timeout of "
                + limits.totalTimeout().toMillis() + " ms");
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the socket is abandoned either way
        }
    }
}
