package io.newsflow.ingest.publish;

import io.newsflow.ingest.poll.Fetching.PageFetched;

/** The canonical URL and stable id of an article. */
public interface ArticleIdentity {

    /** For a fetched page: its rel=canonical, else the final URL after redirects; tracking parameters dropped. */
    String canonicalUrl(String link, PageFetched page);

    /** For an item whose page was not fetched. */
    String canonicalUrl(String link);

    /** Lowercase hex SHA-256 of the canonical URL, first 32 characters. */
    String articleId(String canonicalUrl);
}
