package io.newsflow.enrich.streams;

import io.newsflow.avro.RawArticle;
import io.newsflow.schemas.Hashes;
import io.newsflow.schemas.testdata.TestRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** RawArticle records for the topology tests, from the contract's test-data builder. */
final class RawArticles {
    private RawArticles() {}

    static RawArticle raw(String id, String contentType, byte[] body) {
        return TestRecords.rawArticle()
                .setId(id)
                .setUrl("https://news.example.id/" + id)
                .setCanonicalUrl("https://www.news.example.id/" + id)
                .setLanguageHint(null)
                .setContentType(contentType)
                .setCharset(null)
                .setBody(ByteBuffer.wrap(body))
                .setContentHash(Hashes.contentHash(body))
                .build();
    }

    static RawArticle text(String id, String text) {
        return raw(id, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }
}
