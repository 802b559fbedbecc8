package io.newsflow.enrich.streams;

import io.newsflow.avro.RawArticle;
import io.newsflow.schemas.testdata.TestRecords;
import java.nio.charset.StandardCharsets;

/** RawArticle records for the topology tests, from the contract's test-data builder. */
final class RawArticles {
    private RawArticles() {}

    static RawArticle raw(String id, String contentType, byte[] body) {
        return TestRecords.rawArticle(id, contentType, body).build();
    }

    static RawArticle text(String id, String text) {
        return raw(id, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }
}
