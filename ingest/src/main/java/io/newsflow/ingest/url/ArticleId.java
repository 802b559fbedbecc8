package io.newsflow.ingest.url;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
