package io.newsflow.ingest.feed;

import java.time.Instant;
import java.util.List;

/**
 * One item of a feed, whatever its format. Text fields may be null when the feed did not give them; links are
 * absolute (resolved against xml:base and the feed URL).
 *
 * @param guid        the item's id (RSS guid, Atom id, JSON Feed id), or its link when it has none
 * @param link        the article page, or null (an RSS guid with isPermaLink="false" is not a link)
 * @param publishedAt when published, else when last updated, or null
 * @param updatedAt   when last updated (Atom updated, JSON Feed date_modified), or null
 * @param summary     description / summary as given (often HTML)
 * @param contentHtml full content (content:encoded, Atom content, content_html) as HTML; plain text is escaped
 */
public record FeedItem(
        String guid,
        String link,
        String title,
        String author,
        Instant publishedAt,
        Instant updatedAt,
        String summary,
        String contentHtml,
        List<String> categories) {

    public FeedItem {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
