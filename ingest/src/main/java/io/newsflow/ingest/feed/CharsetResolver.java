package io.newsflow.ingest.feed;

import io.newsflow.ingest.http.ContentType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes feed bytes to text the way feedparser does (its fixture suite is the reference): byte order mark, then
 * the HTTP Content-Type per RFC 3023, then the XML declaration, then fallbacks.
 *
 * <ul>
 *   <li>{@code application/xml}, {@code application/*+xml}: charset parameter, else the XML declaration, else
 *       UTF-8.</li>
 *   <li>{@code text/xml}, {@code text/*+xml}: charset parameter, else US-ASCII (the declaration is ignored).</li>
 *   <li>JSON types, or no type and a body starting with "{": charset parameter, else UTF-8.</li>
 *   <li>other {@code text/*}: charset parameter, else US-ASCII; anything else: the declaration, else UTF-8.</li>
 * </ul>
 * When the chosen encoding cannot decode the bytes, the declaration, the BOM, UTF-8, windows-1252 and
 * ISO-8859-2 are tried in turn, and the override is reported as a warning. GB2312 is read as its superset GB18030.
 */
final class CharsetResolver {

    /** The text, the encoding that decoded it, whether it is JSON, and what was overridden. */
    record Decoded(String text, String encoding, boolean json, List<String> warnings) {
    }

    private static final Pattern XML_ENCODING = Pattern.compile(
            "^<\\?xml[^>]*?encoding\\s*=\\s*['\"]([^'\"]*)['\"]");
    private static final Set<String> UNICODE_FAMILY = Set.of("u16", "utf-16", "utf16", "utf_16", "u32", "utf-32",
            "utf32", "utf_32", "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4");
    private static final Set<String> APPLICATION_XML = Set.of("application/xml", "application/xml-dtd",
            "application/xml-external-parsed-entity");
    private static final Set<String> TEXT_XML = Set.of("text/xml", "text/xml-external-parsed-entity");
    private static final Set<String> JSON = Set.of("application/feed+json", "application/json");

    private CharsetResolver() {
    }

    static Decoded decode(byte[] bytes, String contentTypeHeader) {
        List<String> warnings = new ArrayList<>();
        String bomEncoding = null;
        int skip = 0;
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            bomEncoding = "UTF-32BE";
            skip = 4;
        } else if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            bomEncoding = "UTF-32LE";
            skip = 4;
        } else if (startsWith(bytes, 0xFE, 0xFF) && !startsWith(bytes, 0xFE, 0xFF, 0x00, 0x00)) {
            bomEncoding = "UTF-16BE";
            skip = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE) && !startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            bomEncoding = "UTF-16LE";
            skip = 2;
        } else if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bomEncoding = "UTF-8";
            skip = 3;
        } else if (startsWith(bytes, 0x4C, 0x6F, 0xA7, 0x94)) {
            bomEncoding = "IBM037"; // "<?xm" in EBCDIC
        } else if (startsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) {
            bomEncoding = "UTF-16BE";
        } else if (startsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) {
            bomEncoding = "UTF-16LE";
        } else if (startsWith(bytes, 0x00, 0x00, 0x00, 0x3C)) {
            bomEncoding = "UTF-32BE";
        } else if (startsWith(bytes, 0x3C, 0x00, 0x00, 0x00)) {
            bomEncoding = "UTF-32LE";
        }
        byte[] data = skip == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, skip, bytes.length);

        String xmlEncoding = declaredEncoding(data, bomEncoding);
        if (xmlEncoding != null && bomEncoding != null && UNICODE_FAMILY.contains(xmlEncoding)) {
            xmlEncoding = bomEncoding;
        }

        ContentType contentType = ContentType.parse(contentTypeHeader);
        String media = contentType.mediaType();
        String httpEncoding = contentType.charset().orElse(null);
        boolean json = false;
        boolean acceptableType = true;
        String chosen;
        if (APPLICATION_XML.contains(media) || (media.startsWith("application/") && media.endsWith("+xml"))) {
            chosen = firstNonNull(httpEncoding, xmlEncoding, "utf-8");
        } else if (TEXT_XML.contains(media) || (media.startsWith("text/") && media.endsWith("+xml"))) {
            chosen = firstNonNull(httpEncoding, "us-ascii");
        } else if (JSON.contains(media) || (media.isEmpty() && looksLikeJson(data))) {
            json = true;
            chosen = firstNonNull(httpEncoding, "utf-8");
        } else if (media.startsWith("text/")) {
            chosen = firstNonNull(httpEncoding, "us-ascii");
            acceptableType = false;
        } else {
            chosen = firstNonNull(xmlEncoding, "utf-8");
            acceptableType = media.isEmpty();
        }
        if (!acceptableType) {
            warnings.add("served as " + media + ", which is not a feed media type");
        }
        chosen = gb18030For(chosen);
        xmlEncoding = xmlEncoding == null ? null : gb18030For(xmlEncoding);

        Set<String> candidates = new LinkedHashSet<>();
        for (String candidate : new String[] {chosen, xmlEncoding, bomEncoding, "utf-8", "windows-1252",
            "iso-8859-2"}) {
            if (candidate != null) {
                candidates.add(candidate.toLowerCase(Locale.ROOT));
            }
        }
        for (String candidate : candidates) {
            Charset charset = charsetOrNull(candidate);
            if (charset == null) {
                continue;
            }
            String text = strictDecode(data, charset);
            if (text == null) {
                continue;
            }
            if (!candidate.equals(chosen.toLowerCase(Locale.ROOT))) {
                warnings.add("document declared as " + chosen + ", but parsed as " + charset.name());
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            return new Decoded(text, charset.name(), json || looksLikeJson(text), warnings);
        }
        // ISO-8859-2 decodes every byte sequence, so this is unreachable; kept for safety.
        return new Decoded(new String(data, StandardCharsets.ISO_8859_1), "ISO-8859-1", json, warnings);
    }

    private static String declaredEncoding(byte[] data, String bomEncoding) {
        int length = Math.min(data.length, 1024);
        Charset sniff = bomEncoding == null ? StandardCharsets.ISO_8859_1 : charsetOrNull(bomEncoding);
        if (sniff == null) {
            return null;
        }
        String head = new String(data, 0, length, sniff);
        Matcher matcher = XML_ENCODING.matcher(head);
        return matcher.find() ? matcher.group(1).strip().toLowerCase(Locale.ROOT) : null;
    }

    private static boolean looksLikeJson(byte[] data) {
        for (byte b : data) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    private static boolean looksLikeJson(String text) {
        String trimmed = text.stripLeading();
        return !trimmed.isEmpty() && trimmed.charAt(0) == '{';
    }

    private static String gb18030For(String encoding) {
        return encoding.equalsIgnoreCase("gb2312") ? "gb18030" : encoding;
    }

    private static Charset charsetOrNull(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException unsupportedOrIllegal) {
            return null;
        }
    }

    private static String strictDecode(byte[] data, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
