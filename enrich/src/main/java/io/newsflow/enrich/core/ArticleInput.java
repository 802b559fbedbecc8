package io.newsflow.enrich.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the cleaner is given: the page bytes and what is known about them.
 *
 * @param url the link the feed gave (or a file path for local runs)
 * @param canonicalUrl the page's canonical URL, or null (then {@code url})
 * @param feedTitle the feed item's title, or null; the fallback when the page gives none
 * @param feedAuthor the feed item's author, or null; the fallback byline
 * @param publishedAt when the feed says the item was published, or null
 * @param languageHint the language the feed declares, or null
 * @param fetchedAt when the page was fetched
 * @param contentType media type without parameters (text/html, text/plain), or null when unknown
 * @param charset declared charset, or null
 * @param body the page bytes
 */
public record ArticleInput(
        String url,
        String canonicalUrl,
        String feedTitle,
        String feedAuthor,
        Instant publishedAt,
        String languageHint,
        List<String> tags,
        Instant fetchedAt,
        String contentType,
        String charset,
        byte[] body) {

    public ArticleInput {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        tags = tags == null ? List.of() : List.copyOf(tags);
        body = body == null ? new byte[0] : body;
    }

    /** A local file or test input: only a name, the bytes and, optionally, a content type. */
    public static ArticleInput ofBytes(String name, String contentType, byte[] body, Instant fetchedAt) {
        return new ArticleInput(name, null, null, null, null, null, List.of(), fetchedAt, contentType, null, body);
    }
}
