package io.newsflow.ingest.url;

import io.newsflow.schemas.Hashes;
import java.net.URI;

/**
 * The article id of the {@code articles.*} topics: lowercase hex SHA-256 of the canonical URL's text (UTF-8),
 * first 32 characters (the contract stated in RawArticle.avsc).
 */
public final class ArticleId {

    private ArticleId() {
    }

    public static String of(URI canonicalUrl) {
        return of(canonicalUrl.toString());
    }

    public static String of(String canonicalUrl) {
        return Hashes.articleId(canonicalUrl);
    }
}
