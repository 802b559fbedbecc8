package io.newsflow.enrich.core.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Title, author, site name, publication time and declared language from the document head: one pass over the
 * head's children, no selector queries. Structured data the body carries (microdata metas, JSON-LD scripts) is
 * handed over by the analysis pass, which meets those elements anyway. The title is then checked against the page's
 * headline in {@link HtmlExtractor}.
 */
final class PageMetadata {
    private static final Pattern JSON_LD_DATE_PUBLISHED = Pattern.compile("\"datePublished\"\\s*:\\s*\"([^\"]{8,40})\"");
    /** ISO-8601 with an offset written without a colon ("+0100"), common in article:published_time. */
    private static final DateTimeFormatter OFFSET_WITHOUT_COLON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS][.SS][.S]XX", Locale.ROOT);
    private static final String[] TITLE_SEPARATORS = {" | ", " - ", " – ", " — ", " :: ", " » ", " / ", " · ", " : "};

    String documentTitle;
    String openGraphTitle;
    String metaTitle;
    String siteName;
    String author;
    String language;
    String publishedRaw;

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
                case "script" -> metadata.readStructuredData(child);
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
            case "og:site_name" -> siteName = firstNonNull(siteName, content);
            case "article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued",
                 "dc.date", "dcterms.created", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
                 "date", "publish-date", "citation_publication_date" ->
                publishedRaw = firstNonNull(publishedRaw, content);
            case "author", "dc.creator", "dc:creator", "article:author", "parsely-author", "sailthru.author",
                 "byl" -> {
                if (author == null && !looksLikeUrl(content)) {
                    author = stripByPrefix(content);
                }
            }
            default -> { }
        }
    }

    /** A microdata meta or JSON-LD script, from the head or (via the analysis pass) from the body. */
    void readStructuredData(Element element) {
        if (element.normalName().equals("meta")) {
            readMeta(element.attributes());
            return;
        }
        if (publishedRaw != null || !element.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
            return;
        }
        for (DataNode data : element.dataNodes()) {
            Matcher matcher = JSON_LD_DATE_PUBLISHED.matcher(data.getWholeData());
            if (matcher.find()) {
                publishedRaw = matcher.group(1);
                return;
            }
        }
    }

    /** The publication time, when a recognised meta or JSON-LD gives one in an ISO-8601 form; dates are UTC midnight. */
    Instant publishedAt() {
        if (publishedRaw == null) {
            return null;
        }
        String value = publishedRaw.trim();
        if (value.length() >= 16 && value.charAt(10) == ' ') {
            value = value.substring(0, 10) + 'T' + value.substring(11);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return OffsetDateTime.parse(value, OFFSET_WITHOUT_COLON).toInstant();
            } catch (DateTimeParseException notCompactOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value)
                                .atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notDate) {
                        return null;
                    }
                }
            }
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
