package io.newsflow.ingest.url;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The canonical URL of a page: its {@code <link rel="canonical">} (resolved against the URL it was fetched from)
 * when that can be trusted, else that URL; then normalised so that the same article always gets the same URL:
 * lower-case scheme and host, no default port, no fragment, no credentials, no tracking parameters, the remaining
 * parameters sorted.
 *
 * <p>The canonical gives the article its id, so a wrong one overwrites another article in the index. It is
 * trusted only when it stays on the page's own site (the same host, {@code www.} or not) and names an article:
 * never the site's root and never one of the {@code notArticles} (the feed's home page), which is where a CMS that
 * sets every canonical to {@code /} or to its front page points. Otherwise the page keeps its own URL.
 */
public final class CanonicalUrl {

    /** Query parameters that only track the reader (campaigns, click ids, mail ids, referrers). */
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid",
            "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ref",
            "ref_src", "ref_url", "oly_anon_id", "oly_enc_id", "vero_id", "s_cid", "cmpid", "__s", "rb_clickid");

    private CanonicalUrl() {
    }

    /**
     * The normalised canonical URL of an HTML page.
     *
     * @param html        the page's bytes
     * @param charset     its charset if known (null lets jsoup detect it from the BOM and meta tags)
     * @param finalUrl    the URL the page was fetched from, after redirects
     * @param notArticles URLs that are never an article's canonical (the feed's home page and the feed itself)
     */
    public static URI of(byte[] html, String charset, URI finalUrl, Collection<URI> notArticles) {
        try {
            Document page = Jsoup.parse(new ByteArrayInputStream(html), charset, finalUrl.toString());
            return of(page, finalUrl, notArticles);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory page cannot fail", e);
        }
    }

    /** The normalised canonical URL of an HTML page given as text, with no feed to know its home page from. */
    public static URI of(String html, URI finalUrl) {
        return of(Jsoup.parse(html, finalUrl.toString()), finalUrl, List.of());
    }

    private static URI of(Document page, URI finalUrl, Collection<URI> notArticles) {
        for (Element link : page.select("link[rel][href]")) {
            boolean canonical = List.of(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains("canonical");
            if (canonical) {
                // absUrl honours <base href>; an unusable canonical is ignored, never trusted half-way
                Optional<URI> declared = Urls.parse(link.absUrl("href")).filter(CanonicalUrl::isHttp)
                        .map(CanonicalUrl::normalize);
                if (declared.isPresent() && trusted(declared.get(), finalUrl, notArticles)) {
                    return declared.get();
                }
            }
        }
        return normalize(finalUrl);
    }

    /**
     * Whether a page fetched from {@code finalUrl} may take {@code declared} (normalised) as its canonical URL: on
     * the same site, not the site's root, not one of {@code notArticles}.
     */
    static boolean trusted(URI declared, URI finalUrl, Collection<URI> notArticles) {
        if (!site(declared).equals(site(normalize(finalUrl)))) {
            return false;
        }
        if ("/".equals(declared.getRawPath()) && declared.getRawQuery() == null) {
            return false;
        }
        return notArticles.stream().map(CanonicalUrl::normalize).noneMatch(declared::equals);
    }

    /** The host, without a leading {@code www.}: {@code www.example.org} and {@code example.org} are one site. */
    private static String site(URI normalized) {
        String host = normalized.getHost() == null ? "" : normalized.getHost();
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The URL normalised (see the class comment). */
    public static URI normalize(URI url) {
        URI parsed = Urls.parse(url.toString()).orElse(url);
        String scheme = parsed.getScheme() == null ? "http" : parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = parsed.getPort();
        boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https")
                && port == 443);
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        path = normalizePercentEncoding(removeDotSegments(path));
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        String query = cleanQuery(parsed.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return URI.create(out.toString());
    }

    private static String cleanQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : rawQuery.split("[&;]")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = decode(eq >= 0 ? parameter.substring(0, eq) : parameter).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING_PARAMETERS.contains(name)) {
                continue;
            }
            kept.add(normalizePercentEncoding(parameter));
        }
        kept.sort(Comparator.naturalOrder());
        return String.join("&", kept);
    }

    /** RFC 3986 6.2.2.2: upper-case hex digits, unreserved characters decoded. */
    private static String normalizePercentEncoding(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                int value = Integer.parseInt(text.substring(i + 1, i + 3), 16);
                if (isUnreserved((char) value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(text.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        String normalized = URI.create("http://h" + path).normalize().getRawPath();
        while (normalized.startsWith("/../")) {
            normalized = normalized.substring(3);
        }
        return normalized.isEmpty() ? "/" : normalized;
    }

    private static String decode(String component) {
        try {
            return java.net.URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return component;
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }
}
