package io.newsflow.enrich.health;

import io.newsflow.avro.CleanArticle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a clean article: when it was fetched. Not {@code publishedAt}: that is what the site claims, is
 * missing from many feeds and can be years old on a page a hacked site just rewrote; the fetch is when the spam
 * was seen.
 */
public final class ArticleTime implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof CleanArticle article && article.getFetchedAt() != null) {
            return article.getFetchedAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
