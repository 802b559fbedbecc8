package io.newsflow.enrich.streams;

import io.newsflow.avro.BodySource;
import io.newsflow.avro.FeedItem;
import io.newsflow.avro.RawArticle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Test-data builder for RawArticle records. */
final class RawArticles {
    private RawArticles() {}

    static RawArticle raw(String id, String contentType, byte[] body) {
        return RawArticle.newBuilder()
                .setId(id)
                .setUrl("https://news.example.id/" + id)
                .setCanonicalUrl("https://www.news.example.id/" + id)
                .setFeedUrl("https://news.example.id/rss")
                .setFeedName("Example")
                .setItem(FeedItem.newBuilder().setTitle(null).setAuthor(null).setPublishedAt(null).setSummary(null)
                        .setCategories(List.of()).setGuid(null).build())
                .setLanguageHint(null)
                .setTags(List.of("test"))
                .setFetchedAt(Instant.parse("2026-01-10T08:00:00Z"))
                .setHttpStatus(200)
                .setContentType(contentType)
                .setCharset(null)
                .setBodySource(BodySource.PAGE)
                .setFetchError(null)
                .setBody(ByteBuffer.wrap(body))
                .setContentHash(sha256(body))
                .build();
    }

    static RawArticle text(String id, String text) {
        return raw(id, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
