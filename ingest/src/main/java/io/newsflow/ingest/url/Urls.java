package io.newsflow.ingest.url;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parsing URLs as they appear in the wild (feeds, Location headers, href attributes): spaces, non-ASCII
 * characters and international host names are percent-encoded or punycoded instead of rejected.
 */
public final class Urls {

    private static final String HEX = "0123456789ABCDEF";

    private Urls() {
    }

    /** The URL, leniently repaired, or empty when it cannot be made into a URI at all. */
    public static Optional<URI> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(withAsciiHost(new URI(escapeIllegal(trimmed))));
        } catch (URISyntaxException | IllegalArgumentException unparseable) {
            return Optional.empty();
        }
    }

    /** {@code reference} resolved against {@code base} (RFC 3986), or empty when either is unusable. */
    public static Optional<URI> resolve(URI base, String reference) {
        Optional<URI> parsed = parse(reference == null ? null : reference.isBlank() ? "#" : reference);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        URI ref = parsed.get();
        if (base == null || ref.isAbsolute()) {
            return Optional.of(ref);
        }
        try {
            String raw = ref.toString();
            if (raw.startsWith("#") || raw.startsWith("?")) {
                // java.net.URI follows RFC 2396 here; RFC 3986 keeps the base path (and query for "#").
                String kept = withoutFragment(base);
                if (raw.startsWith("?") && base.getRawQuery() != null) {
                    kept = kept.substring(0, kept.indexOf('?'));
                }
                return Optional.of(new URI(kept + (raw.equals("#") ? "" : raw)));
            }
            URI usableBase = base;
            if (base.getRawAuthority() != null && (base.getRawPath() == null || base.getRawPath().isEmpty())) {
                usableBase = new URI(base.getScheme() + "://" + base.getRawAuthority() + "/");
            }
            return Optional.of(usableBase.resolve(ref).normalize());
        } catch (URISyntaxException | IllegalArgumentException unresolvable) {
            return Optional.empty();
        }
    }

    private static String withoutFragment(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    /** Percent-encodes what java.net.URI rejects: whitespace, controls, non-ASCII and a few unwise characters. */
    static String escapeIllegal(String text) {
        StringBuilder out = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean illegal = c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^'
                    || c == '`' || c == '{' || c == '|' || c == '}'
                    || (c == '%' && !isPercentEscape(text, i))
                    || (c == '#' && text.indexOf('#') != i)
                    || ((c == '[' || c == ']') && !inAuthority(text, i));
            if (illegal) {
                if (out == null) {
                    out = new StringBuilder(length + 16).append(text, 0, i);
                }
                int codePoint = text.codePointAt(i);
                if (Character.charCount(codePoint) == 2) {
                    i++;
                }
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isPercentEscape(String text, int i) {
        return i + 2 < text.length() && HEX.indexOf(Character.toUpperCase(text.charAt(i + 1))) >= 0
                && HEX.indexOf(Character.toUpperCase(text.charAt(i + 2))) >= 0;
    }

    private static boolean inAuthority(String text, int index) {
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0 || index < schemeEnd + 3) {
            return false;
        }
        int authorityEnd = schemeEnd + 3;
        while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        return index < authorityEnd;
    }

    /** Turns a percent-encoded international host name into its ASCII (punycode) form. */
    private static URI withAsciiHost(URI uri) throws URISyntaxException {
        if (uri.getHost() != null || uri.getRawAuthority() == null) {
            return uri;
        }
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = authority.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        String port = colon >= 0 ? hostPort.substring(colon) : "";
        String decoded = java.net.URLDecoder.decode(host, StandardCharsets.UTF_8);
        String ascii = IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED);
        StringBuilder rebuilt = new StringBuilder();
        rebuilt.append(uri.getScheme()).append("://").append(userInfo).append(ascii).append(port);
        if (uri.getRawPath() != null) {
            rebuilt.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            rebuilt.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            rebuilt.append('#').append(uri.getRawFragment());
        }
        return new URI(rebuilt.toString());
    }
}
