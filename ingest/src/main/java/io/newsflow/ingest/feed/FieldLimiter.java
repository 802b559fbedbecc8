package io.newsflow.ingest.feed;

import io.newsflow.ingest.url.Urls;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * Applies {@link FeedLimits} to items as they are built, whatever the format, and counts what it cut so the
 * feed's warnings say so once per kind instead of once per item.
 */
final class FieldLimiter {

    private static final java.nio.charset.Charset WINDOWS_1252 = java.nio.charset.Charset.forName("windows-1252");

    private final FeedLimits limits;
    private final URI base;
    private final Map<String, Integer> cuts = new TreeMap<>();
    private final List<FeedItem> items = new ArrayList<>();
    private int offered;

    FieldLimiter(FeedLimits limits, URI base) {
        this.limits = limits;
        this.base = base;
    }

    /** False once the item cap is reached (the caller may stop offering). */
    boolean add(String guid, String link, String title, String author, Instant publishedAt, Instant updatedAt,
            String summary,
            String contentHtml, List<String> categories) {
        offered++;
        if (items.size() >= limits.maxItems()) {
            return false;
        }
        String absoluteLink = link(link);
        List<String> cappedCategories = new ArrayList<>();
        for (String category : new LinkedHashSet<>(categories)) {
            String text = cut(category, limits.maxTitleChars(), "category");
            if (text == null) {
                continue;
            }
            if (cappedCategories.size() >= limits.maxCategories()) {
                count("categories beyond " + limits.maxCategories());
                break;
            }
            cappedCategories.add(text);
        }
        String id = cut(guid, limits.maxLinkChars(), "guid");
        items.add(new FeedItem(id != null ? id : absoluteLink, absoluteLink, cut(title, limits.maxTitleChars(),
                "title"), cut(author, limits.maxTitleChars(), "author"), publishedAt, updatedAt,
                cut(absoluteHtml(summary), limits.maxSummaryChars(), "summary"),
                cut(absoluteHtml(contentHtml), limits.maxContentChars(), "content"), cappedCategories));
        return true;
    }

    /** An absolute http(s) link, or null; links too long to be real are dropped rather than cut. */
    String link(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        if (link.length() > limits.maxLinkChars()) {
            count("link longer than " + limits.maxLinkChars() + " characters (dropped)");
            return null;
        }
        return Urls.resolve(base, link.strip()).map(URI::toString).orElse(link.strip());
    }

    private String absoluteHtml(String html) {
        return HtmlLinks.absolutize(html, base);
    }

    String cut(String value, int max, String field) {
        if (value == null) {
            return null;
        }
        String text = windows1252ForC1Controls(value.strip());
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            count(field + " cut to " + max + " characters");
            int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
            return text.substring(0, end);
        }
        return text;
    }

    /**
     * Characters U+0080..U+009F are C1 controls that never belong in text; feeds that have them meant the
     * windows-1252 characters with those byte values (smart quotes, dashes), as browsers assume.
     */
    static String windows1252ForC1Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9f) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                String mapped = new String(new byte[] {(byte) c}, WINDOWS_1252);
                out.append(mapped.equals("\uFFFD") ? "" : mapped);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private void count(String what) {
        cuts.merge(what, 1, Integer::sum);
    }

    List<FeedItem> items() {
        return List.copyOf(items);
    }

    /** One line per kind of cut, plus dropped items. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (offered > items.size()) {
            warnings.add("kept the first " + items.size() + " of " + offered + " items");
        }
        cuts.forEach((what, times) -> warnings.add(what + " (" + times + "x)"));
        return warnings;
    }
}
