package io.newsflow.enrich.core.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns page bytes into text and decides whether the text is HTML or plain text, by content first (a declared
 * content type only settles what the content leaves open). Refuses, with a reason, what is not text at all.
 *
 * <p>Charset order: byte-order mark, the declared charset, a {@code <meta charset>} in the first bytes, strict
 * UTF-8, and windows-1252 as the last resort for unlabelled legacy pages (it decodes any byte).
 */
public final class PageDecoder {
    private static final int SNIFF_BYTES = 4096;
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.\\-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_MARKER = Pattern.compile(
            "<!doctype\\s+html|<html[\\s>]|<head[\\s>]|<body[\\s>]|<meta\\s|<title>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_TAG = Pattern.compile(
            "</?(?:p|div|br|span|a|h[1-6]|ul|ol|li|article|section|table|img|blockquote|em|strong)(?:\\s[^>]*)?/?>",
            Pattern.CASE_INSENSITIVE);

    /** Why bytes could not be turned into text. */
    public enum Failure {
        EMPTY,
        BINARY,
        UNDECODABLE
    }

    /** Thrown for input that is not text; the message never includes the content. */
    public static final class DecodeException extends Exception {
        private final Failure failure;

        DecodeException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /**
     * @param contentType media type without parameters as the server declared it, or null
     * @param charset declared charset, or null
     */
    public DecodedPage decode(byte[] bytes, String contentType, String charset) throws DecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new DecodeException(Failure.EMPTY, "the body is empty");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        String magic = binaryMagic(bytes);
        if (magic != null) {
            throw new DecodeException(Failure.BINARY, "the body is " + magic + ", not text");
        }
        if (type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/")
                || type.equals("application/pdf") || type.equals("application/zip")) {
            throw new DecodeException(Failure.BINARY, "content type " + type + " is not text");
        }
        Charset cs = chooseCharset(bytes, charset);
        String text = null;
        if (isSingleByteLatin(cs) && hasNonAscii(bytes)) {
            text = decodeStrictly(bytes, StandardCharsets.UTF_8);
            if (text != null) {
                cs = StandardCharsets.UTF_8; // multi-byte sequences that are all valid UTF-8 are UTF-8, whatever the label
            }
        }
        if (text == null) {
            text = decodeStrictly(bytes, cs);
        }
        if (text == null && !cs.equals(StandardCharsets.UTF_8) && charset != null) {
            text = decodeStrictly(bytes, StandardCharsets.UTF_8); // a wrong label over valid UTF-8
            cs = text == null ? cs : StandardCharsets.UTF_8;
        }
        if (text == null) {
            text = decodeLeniently(bytes, cs);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (looksBinary(text)) {
            throw new DecodeException(Failure.BINARY, "the body holds control characters, not text");
        }
        if (text.isBlank()) {
            throw new DecodeException(Failure.EMPTY, "the body holds only whitespace");
        }
        return new DecodedPage(text, isHtml(text, type), cs.name());
    }

    /** HTML when the content says so; a declared HTML type counts when the content holds any HTML tag. */
    static boolean isHtml(String text, String type) {
        String head = text.substring(0, Math.min(text.length(), SNIFF_BYTES));
        if (HTML_MARKER.matcher(head).find()) {
            return true;
        }
        Matcher tags = HTML_TAG.matcher(head);
        int count = 0;
        while (tags.find() && count < 3) {
            count++;
        }
        if (type.contains("html")) {
            return count >= 1;
        }
        if (type.equals("text/plain") && !head.strip().startsWith("<")) {
            return false; // text that mentions a tag or two is still text
        }
        return count >= 3;
    }

    private static Charset chooseCharset(byte[] bytes, String declared) throws DecodeException {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (declared != null && !declared.isBlank()) {
            return named(declared.strip(), "declared charset");
        }
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher meta = META_CHARSET.matcher(head);
        if (meta.find()) {
            return named(meta.group(1), "charset in the page's meta tag");
        }
        // Unlabelled: ASCII is UTF-8; otherwise the legacy default, which decode() turns into UTF-8 when the bytes are.
        return hasNonAscii(bytes) ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
    }

    private static Charset named(String name, String where) throws DecodeException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
            throw new DecodeException(Failure.UNDECODABLE, where + " '" + shown + "' is not a charset this JVM knows");
        }
    }

    private static String decodeStrictly(byte[] bytes, Charset cs) {
        if (cs.equals(StandardCharsets.UTF_8)) {
            // The String constructor is several times faster than a CharsetDecoder; it only replaces bad input with
            // U+FFFD, so its answer stands when it holds none (else the strict decoder below decides).
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') < 0) {
                return text;
            }
        }
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isSingleByteLatin(Charset cs) {
        String name = cs.name();
        return name.equals("ISO-8859-1") || name.equals("windows-1252") || name.equals("US-ASCII");
    }

    private static boolean hasNonAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** Decodes with replacement characters, accepting a few broken bytes but not a page of them. */
    private static String decodeLeniently(byte[] bytes, Charset cs) throws DecodeException {
        String text = new String(bytes, cs);
        long replaced = text.chars().filter(c -> c == '\uFFFD').count();
        if (replaced > text.length() / 100 + 2) {
            throw new DecodeException(Failure.UNDECODABLE,
                    "the body is not valid " + cs.name() + " (" + replaced + " undecodable sequences)");
        }
        return text;
    }

    private static String binaryMagic(byte[] b) {
        if (startsWith(b, 0x25, 0x50, 0x44, 0x46)) return "a PDF document";
        if (startsWith(b, 0x89, 0x50, 0x4E, 0x47)) return "a PNG image";
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) return "a JPEG image";
        if (startsWith(b, 0x47, 0x49, 0x46, 0x38)) return "a GIF image";
        if (startsWith(b, 0x50, 0x4B, 0x03, 0x04)) return "a ZIP archive";
        if (startsWith(b, 0x1F, 0x8B)) return "gzip-compressed data";
        if (startsWith(b, 0x52, 0x49, 0x46, 0x46)) return "a RIFF media file";
        return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** More than 1% control characters (other than tab, newline, carriage return, form feed) in the first part. */
    private static boolean looksBinary(String text) {
        int n = Math.min(text.length(), SNIFF_BYTES);
        int control = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                control++;
            }
        }
        return control > n / 100 + 1;
    }
}
