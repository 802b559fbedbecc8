package io.newsflow.enrich.core.extract;

import java.util.Locale;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Title, author and declared language from the document head: one pass over the head's children, no selector
 * queries. The title is then checked against the page's headline in {@link HtmlExtractor}.
 */
final class PageMetadata {
    private static final String[] TITLE_SEPARATORS = {" | ", " - ", " – ", " — ", " :: ", " » ", " / ", " · ", " : "};

    String documentTitle;
    String openGraphTitle;
    String metaTitle;
    String siteName;
    String author;
    String language;

    static PageMetadata read(Document document) {
        PageMetadata metadata = new PageMetadata();
        Element html = document.firstElementChild();
        if (html != null) {
            metadata.language = Text.normalize(html.attr("lang"));
            if (metadata.language == null) {
                metadata.language = Text.normalize(html.attr("xml:lang"));
            }
        }
        Element head = document.head();
        for (Element child = head.firstElementChild(); child != null; child = child.nextElementSibling()) {
            switch (child.normalName()) {
                case "title" -> {
                    if (metadata.documentTitle == null) {
                        metadata.documentTitle = Text.normalize(child.text());
                    }
                }
                case "meta" -> metadata.readMeta(child.attributes());
                default -> { }
            }
        }
        if (metadata.documentTitle == null) {
            // Malformed pages can leave the title element in the body.
            metadata.documentTitle = Text.normalize(document.title());
        }
        return metadata;
    }

    private void readMeta(Attributes attributes) {
        String content = Text.normalize(attributes.get("content"));
        if (content == null) {
            return;
        }
        String key = attributes.hasKey("property") ? attributes.get("property") : attributes.get("name");
        if (key.isEmpty()) {
            key = attributes.get("itemprop");
        }
        if (key.isEmpty()) {
            if (language == null && attributes.get("http-equiv").equalsIgnoreCase("content-language")) {
                language = content;
            }
            return;
        }
        switch (key.toLowerCase(Locale.ROOT)) {
            case "og:title" -> openGraphTitle = firstNonNull(openGraphTitle, content);
            case "twitter:title", "dc.title", "dc:title", "dcterms.title", "headline", "parsely-title", "title" ->
                metaTitle = firstNonNull(metaTitle, content);
            case "og:site_name", "application-name" -> siteName = firstNonNull(siteName, content);
            case "author", "dc.creator", "dc:creator", "article:author", "parsely-author", "sailthru.author",
                 "byl" -> {
                if (author == null && !looksLikeUrl(content)) {
                    author = stripByPrefix(content);
                }
            }
            default -> { }
        }
    }

    /**
     * The best title before looking at the body: og:title, another title meta, or the title element, with a site
     * name suffix or prefix ("Story | Site", "Site - Story") removed.
     */
    String headTitle() {
        String title = openGraphTitle != null ? openGraphTitle : metaTitle != null ? metaTitle : documentTitle;
        return title == null ? null : stripSiteName(title);
    }

    /** Removes the site name: the known og:site_name, else the part beyond the last separator (Readability). */
    String stripSiteName(String title) {
        if (siteName != null && !title.equalsIgnoreCase(siteName)) {
            for (String separator : TITLE_SEPARATORS) {
                if (title.endsWith(separator + siteName)) {
                    return title.substring(0, title.length() - separator.length() - siteName.length()).trim();
                }
                if (title.startsWith(siteName + separator)) {
                    return title.substring(siteName.length() + separator.length()).trim();
                }
            }
        }
        int last = -1;
        int first = Integer.MAX_VALUE;
        String firstSeparator = null;
        for (String separator : TITLE_SEPARATORS) {
            int at = title.lastIndexOf(separator);
            if (at > last) {
                last = at;
            }
            int firstAt = title.indexOf(separator);
            if (firstAt >= 0 && firstAt < first) {
                first = firstAt;
                firstSeparator = separator;
            }
        }
        if (last <= 0) {
            return title;
        }
        String stripped = title.substring(0, last).trim();
        if (wordCount(stripped) < 3) {
            stripped = title.substring(first + firstSeparator.length()).trim();
        }
        // A short remainder is kept only when exactly one word (plus the separator) went: "Story | Site".
        return wordCount(stripped) <= 4 && wordCount(title) - wordCount(stripped) > 2 ? title : stripped;
    }

    static String stripByPrefix(String author) {
        String trimmed = author.trim();
        if (trimmed.regionMatches(true, 0, "by ", 0, 3)) {
            trimmed = trimmed.substring(3).trim();
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Text.isSpace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private static boolean looksLikeUrl(String value) {
        return value.startsWith("http://") || value.startsWith("https://") || value.startsWith("//");
    }

    private static String firstNonNull(String current, String candidate) {
        return current != null ? current : candidate;
    }
}
