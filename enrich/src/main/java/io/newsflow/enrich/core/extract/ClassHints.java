package io.newsflow.enrich.core.extract;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an element's class, id and role attributes say about it (the Readability heuristics): likely boilerplate,
 * a negative or positive content weight. One instance per extraction caches the answer per distinct attribute
 * string, since pages repeat the same class names on hundreds of elements.
 */
final class ClassHints {
    static final int UNLIKELY = 1;
    static final int NEGATIVE = 2;
    static final int POSITIVE = 4;
    static final int BYLINE = 8;
    static final int SHARE = 16;
    static final int CAPTION = 32;
    static final int DATE = 64;
    /**
     * Never article text, not even when a retry relaxes the other unlikely rules: reader comments, text the site
     * marks as not for indexing ({@code robots-nocontent}) and no-JavaScript fallbacks.
     */
    static final int NOT_CONTENT = 128;
    /**
     * A card or tooltip shown only while the pointer rests on a link or term ("Ilhan Omar" followed by her latest
     * stories): not text of the sentence it sits in.
     */
    static final int HOVER_CARD = 256;
    /**
     * A box about the writer ("About the author", a photo, a bio, links to their profiles), or a forum post's profile
     * column (post count, join date): not the article's text.
     */
    static final int AUTHOR_BOX = 512;

    private static final String[] UNLIKELY_WORDS = {
        "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote", "cookie", "consent", "newsletter", "subscribe", "trending", "recommend", "most-read",
        "mostread", "outbrain", "taboola", "read-next", "popular", "advert", "adsbygoogle", "ad-slot", "adslot",
        "ad-container", "ad-wrapper", "gpt-ad", "dfp-"
    };
    private static final String[] MAYBE_WORDS = {"and", "article", "body", "column", "content", "main", "shadow"};
    private static final String[] NEGATIVE_WORDS = {
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media",
        "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "widget", "cookie", "newsletter", "taboola"
    };
    private static final String[] POSITIVE_WORDS = {
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
        "blog", "story"
    };
    private static final String[] BYLINE_WORDS = {"byline", "author", "writtenby", "p-author"};
    private static final String[] AUTHOR_BOX_WORDS = {
        "author-bio", "author-box", "authorbox", "about-author", "about-the-author", "author-info", "author-description",
        "author-card", "author-profile", "author_bio", "author_box", "authorbio", "bio-box", "abh_box",
        "postprofile", "post-profile", "userinfo", "user-info", "poster-info", "message-userdetails", "user-details"
    };
    private static final String[] COMMENT_WORDS = {"comment", "disqus", "replies", "respond", "reply"};
    private static final String[] NOT_CONTENT_WORDS = {"robots-nocontent", "noscript"};
    private static final String[] SHARE_WORDS = {"share", "sharedaddy", "social"};
    private static final String[] CAPTION_WORDS = {"caption", "credit", "attribution", "copyright"};
    private static final String[] HOVER_CARD_WORDS = {"tooltip", "popover", "hovercard", "hover-card", "rollover", "tippy"};
    private static final String[] DATE_WORDS = {"datetime", "timestamp", "publish", "posted-on", "pubdate"};

    private final Map<String, Integer> cache = new HashMap<>();

    /** Flags of one class or id value (lower-cased). */
    int flags(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        Integer cached = cache.get(value);
        if (cached != null) {
            return cached;
        }
        int flags = compute(value.toLowerCase(Locale.ROOT));
        cache.put(value, flags);
        return flags;
    }

    /** Readability's class weight: -25 or +25 for the class, the same again for the id. */
    static int weight(int classFlags, int idFlags) {
        return weightOf(classFlags) + weightOf(idFlags);
    }

    private static int weightOf(int flags) {
        int weight = 0;
        if ((flags & NEGATIVE) != 0) {
            weight -= 25;
        }
        if ((flags & POSITIVE) != 0) {
            weight += 25;
        }
        return weight;
    }

    static boolean isUnlikelyRole(String role) {
        return switch (role) {
            case "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner",
                 "contentinfo", "search" -> true;
            default -> false;
        };
    }

    private static int compute(String value) {
        int flags = 0;
        boolean maybeContent = containsAny(value, MAYBE_WORDS);
        if ((containsAny(value, UNLIKELY_WORDS) || hasWord(value, "ad") || hasWord(value, "ads")) && !maybeContent) {
            flags |= UNLIKELY;
        }
        if ((containsAny(value, COMMENT_WORDS) && !maybeContent) || containsAny(value, NOT_CONTENT_WORDS)) {
            flags |= NOT_CONTENT;
        }
        if (containsAny(value, NEGATIVE_WORDS) || hasWord(value, "hid")) {
            flags |= NEGATIVE;
        }
        if (containsAny(value, POSITIVE_WORDS)) {
            flags |= POSITIVE;
        }
        if (containsAny(value, BYLINE_WORDS)) {
            flags |= BYLINE;
        }
        if (containsAny(value, AUTHOR_BOX_WORDS)) {
            flags |= AUTHOR_BOX;
        }
        if (containsAny(value, SHARE_WORDS)) {
            flags |= SHARE;
        }
        if (containsAny(value, CAPTION_WORDS)) {
            flags |= CAPTION;
        }
        if (containsAny(value, HOVER_CARD_WORDS)) {
            flags |= HOVER_CARD;
        }
        if (containsAny(value, DATE_WORDS) || hasDateToken(value)) {
            flags |= DATE;
        }
        return flags;
    }

    /** A class token that is a date ("date", "post-date", "date_block"), not one that merely contains it. */
    private static boolean hasDateToken(String value) {
        for (String token : value.split(" ")) {
            if (token.equals("date") || token.equals("dates") || token.startsWith("date-") || token.startsWith("date_")
                    || token.endsWith("-date") || token.endsWith("_date") || token.endsWith("__date")) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String value, String[] words) {
        for (String word : words) {
            if (value.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWord(String value, String word) {
        int from = 0;
        while (true) {
            int at = value.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            boolean startOk = at == 0 || value.charAt(at - 1) == ' ';
            boolean endOk = end == value.length() || value.charAt(end) == ' ';
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }
}
