package io.newsflow.enrich.streams;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.core.Degradation;
import io.newsflow.enrich.core.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans one raw article. Skips an article whose id and content hash it has already processed (the dedup store
 * holds the last hash per id, with when it was last seen, and forgets ids not seen for the TTL); a changed page
 * gets a new hash and so a new version on {@code articles.clean}. Rejections are raised as
 * {@link ArticleRejectedException} for the error handler to dead-letter with the original bytes.
 */
final class EnrichProcessor implements Processor<String, RawArticle, String, CleanArticle> {
    private static final Logger log = LoggerFactory.getLogger(EnrichProcessor.class);
    private final Function<ArticleInput, CleanResult> cleaner;
    private final EnrichMetrics metrics;
    private final Clock clock;
    private final Duration ttl;
    private final String storeName;
    private final String enricherVersion;
    private ProcessorContext<String, CleanArticle> context;
    private TimestampedKeyValueStore<String, String> seen;

    EnrichProcessor(Function<ArticleInput, CleanResult> cleaner, EnrichMetrics metrics, Clock clock, Duration ttl, String storeName,
            String enricherVersion) {
        this.cleaner = cleaner;
        this.metrics = metrics;
        this.clock = clock;
        this.ttl = ttl;
        this.storeName = storeName;
        this.enricherVersion = enricherVersion;
    }

    @Override
    public void init(ProcessorContext<String, CleanArticle> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        Duration every = ttl.dividedBy(10).compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : ttl.dividedBy(10);
        context.schedule(every.isZero() ? Duration.ofMillis(1) : every, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, RawArticle> record) {
        metrics.articleIn();
        RawArticle raw = record.value();
        if (raw == null) {
            throw new ArticleRejectedException(RejectReason.EMPTY_BODY, "the record has no value (a tombstone)");
        }
        String id = record.key() != null ? record.key() : raw.getId();
        long now = clock.millis();
        ValueAndTimestamp<String> previous = seen.get(id);
        if (previous != null && previous.value().equals(raw.getContentHash())) {
            seen.put(id, ValueAndTimestamp.make(raw.getContentHash(), now)); // seen again: keep it for another TTL
            metrics.duplicate();
            return;
        }
        long started = System.nanoTime();
        CleanResult result = cleaner.apply(ArticleMapping.toInput(raw));
        metrics.cleaningTook(Duration.ofNanos(System.nanoTime() - started));
        seen.put(id, ValueAndTimestamp.make(raw.getContentHash(), now));
        switch (result) {
            case CleanResult.Cleaned cleaned -> {
                CleanArticle out = ArticleMapping.toCleanArticle(raw, cleaned.article(), Instant.ofEpochMilli(now), enricherVersion);
                metrics.articleOut(cleaned.article().spamRemoved());
                for (Degradation d : cleaned.article().degraded()) {
                    metrics.degraded(d);
                    context.recordMetadata().ifPresent(m -> log.warn("publishing article from {}-{}@{} without stage {} ({}): {}",
                            m.topic(), m.partition(), m.offset(), d.stage(), d.cause(), d.error()));
                }
                context.forward(record.withKey(id).withValue(out));
            }
            case CleanResult.Rejected rejected -> throw new ArticleRejectedException(rejected.reason(), rejected.message());
        }
    }

    /** Forgets ids not seen for the TTL, so the store stays bounded; deletes go to the changelog too. */
    private void expire(long wallClockMillis) {
        long cutoff = clock.millis() - ttl.toMillis();
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> entry = all.next();
                if (entry.value.timestamp() < cutoff) {
                    seen.delete(entry.key);
                }
            }
        }
    }
}
