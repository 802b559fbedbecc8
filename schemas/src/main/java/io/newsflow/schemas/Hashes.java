package io.newsflow.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 hashes of the contract (article ids, content hashes) and of the services' own bookkeeping. */
public final class Hashes {
    /** Hex characters of an article id: the first 128 bits of the hash. */
    public static final int ARTICLE_ID_LENGTH = 32;

    private Hashes() {}

    /** Lowercase hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Lowercase hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code RawArticle.contentHash}: the hash of the body exactly as fetched. */
    public static String contentHash(byte[] body) {
        return sha256Hex(body);
    }

    /** {@code RawArticle.id}: the first 32 hex characters of the hash of the canonical URL's text. */
    public static String articleId(String canonicalUrl) {
        return sha256Hex(canonicalUrl).substring(0, ARTICLE_ID_LENGTH);
    }
}
