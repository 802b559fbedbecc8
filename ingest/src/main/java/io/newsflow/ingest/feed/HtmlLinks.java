package io.newsflow.ingest.feed;

import io.newsflow.ingest.url.Urls;
import java.net.URI;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Relative href and src attributes in an HTML fragment, resolved against a base. */
final class HtmlLinks {

    private static final Pattern RELATIVE_REFERENCE = Pattern.compile(
            "(?i)\\b(?:href|src)\\s*=\\s*[\"']?(?![a-z][a-z0-9+.-]*:|//|#)");
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)[a-z][a-z0-9+.-]*:|#");

    private HtmlLinks() {
    }

    /** The fragment with its relative links made absolute; the very same string when it has none. */
    static String absolutize(String html, URI base) {
        if (html == null || base == null || !RELATIVE_REFERENCE.matcher(html).find()) {
            return html;
        }
        Document fragment = Jsoup.parseBodyFragment(html, base.toString());
        fragment.outputSettings().prettyPrint(false);
        for (Element element : fragment.body().select("[href], [src]")) {
            for (String attribute : new String[] {"href", "src"}) {
                String value = element.attr(attribute);
                if (!value.isEmpty() && !ABSOLUTE.matcher(value).lookingAt()) {
                    Urls.resolve(base, value).ifPresent(url -> element.attr(attribute, url.toString()));
                }
            }
        }
        return fragment.body().html();
    }

    /** Whether an attribute value is a relative reference. */
    static boolean isRelative(String value) {
        return value != null && !value.isBlank() && !ABSOLUTE.matcher(value.strip()).lookingAt();
    }
}
