package io.newsflow.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Body framing and limits for HTTP/1.1 responses: fixed length, chunked, until close, byte caps. */
final class BodyStreams {

    /** Longest chunk-size or trailer line accepted; real ones are a few bytes. */
    private static final int MAX_CHUNK_LINE = 4096;

    private BodyStreams() {
    }

    /** Thrown by {@link Limited} when the cap is passed. */
    static final class LimitExceededException extends IOException {
        LimitExceededException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    /** Raised when the server breaks the framing it announced. */
    static final class FramingException extends IOException {
        FramingException(String message) {
            super(message);
        }
    }

    /** Counts bytes passing through and fails once more than {@code limit} have passed. */
    static final class Limited extends FilterInputStream {
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

    /** A framing stream whose single-byte read goes through its bulk read. */
    private abstract static class FramedStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** Exactly {@code length} bytes; ending earlier is a framing error (a lying Content-Length). */
    static final class FixedLength extends FramedStream {
        private final InputStream in;
        private final long length;
        private long remaining;

        FixedLength(InputStream in, long length) {
            this.in = in;
            this.length = length;
            this.remaining = length;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new FramingException("body ended after " + (length - remaining) + " of the " + length
                        + " bytes its Content-Length announced");
            }
            remaining -= n;
            return n;
        }
    }

    /** Transfer-Encoding: chunked, with bounded chunk-size lines and trailers. */
    static final class Chunked extends FramedStream {
        private final InputStream in;
        private long chunkRemaining;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkRemaining == 0) {
                chunkRemaining = nextChunkSize();
                if (chunkRemaining == 0) {
                    skipTrailers();
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(len, chunkRemaining));
            if (n < 0) {
                throw new FramingException("chunked body ended inside a chunk");
            }
            chunkRemaining -= n;
            if (chunkRemaining == 0) {
                String end = readLine(in);
                if (!end.isEmpty()) {
                    throw new FramingException("chunk data not followed by CRLF (found '" + shown(end) + "')");
                }
            }
            return n;
        }

        private long nextChunkSize() throws IOException {
            return chunkSize(readLine(in));
        }

        private void skipTrailers() throws IOException {
            for (int i = 0; i < 100; i++) {
                if (readLine(in).isEmpty()) {
                    return;
                }
            }
            throw new FramingException("too many trailer lines");
        }
    }

    /**
     * The size of a chunk-size line ({@code 1*HEXDIG [ chunk-ext ]}, RFC 9112 7.1): hexadecimal digits only, no
     * sign, no {@code 0x}, leading zeros allowed, at most {@link Long#MAX_VALUE}. Anything else is a framing error,
     * which the fetch reports as {@code PROTOCOL_ERROR}; a size is never negative.
     */
    static long chunkSize(String line) throws FramingException {
        int semicolon = line.indexOf(';');
        String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip(); // BWS before chunk-ext
        if (size.isEmpty()) {
            throw new FramingException("empty chunk size line");
        }
        long value = 0;
        for (int i = 0; i < size.length(); i++) {
            int digit = hexDigit(size.charAt(i));
            if (digit < 0) {
                throw new FramingException("chunk size '" + shown(size) + "' is not hexadecimal");
            }
            if (value > (Long.MAX_VALUE >>> 4)) {
                throw new FramingException("chunk size '" + shown(size) + "' overflows");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** A server's bytes in a message: at most 40 characters, control characters as '?'. */
    private static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    /** One CRLF- or LF-terminated line of at most {@link #MAX_CHUNK_LINE} bytes, without the terminator. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_CHUNK_LINE) {
                throw new FramingException("chunk line longer than " + MAX_CHUNK_LINE + " bytes");
            }
            line.write(b);
        }
    }
}
