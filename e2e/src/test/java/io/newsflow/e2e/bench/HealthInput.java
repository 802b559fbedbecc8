package io.newsflow.e2e.bench;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.streams.ArticleMapping;
import io.newsflow.stack.StackEndpoints;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The clean articles the source-health app reads alone in the benchmark: the realistic pages as the enricher
 * cleans them, spread over 40 sources and 10 s of fetch time apart; every tenth source carries injected spam on
 * every third of its articles, so the app publishes transitions as it would on a real feed set.
 */
final class HealthInput {
    static final int SOURCES = 40;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private HealthInput() {}

    /** Produces {@code count} clean articles to a topic of their own (3 partitions) and returns its name. */
    static String load(StackEndpoints endpoints, Kafka kafka, ArticleCleaner cleaner, List<RawArticle> batch,
            int count, PrintStream out) {
        List<CleanArticle> cleaned = new ArrayList<>();
        for (RawArticle raw : batch.subList(0, Math.min(60, batch.size()))) {
            if (cleaner.clean(ArticleMapping.toInput(raw)) instanceof CleanResult.Cleaned c) {
                cleaned.add(ArticleMapping.toCleanArticle(raw, c.article(), START,
                        io.newsflow.enrich.pipeline.EnricherVersion.of("bench", "bench")));
            }
        }
        String topic = PipelineConfig.forRun("bench-health-input", endpoints).cleanTopic();
        kafka.createTopics(3, topic);
        try (KafkaProducer<String, CleanArticle> producer = kafka.avroProducer()) {
            for (int i = 0; i < count; i++) {
                int source = i % SOURCES;
                CleanArticle.Builder article = CleanArticle.newBuilder(cleaned.get(i % cleaned.size()))
                        .setId(String.format(Locale.ROOT, "health-%06d", i))
                        .setFeedName("bench source " + source)
                        .setFetchedAt(START.plus(Duration.ofSeconds(10L * i)));
                if (source % 10 == 0 && i % 3 == 0) {
                    List<SpamRemoval> removed = new ArrayList<>(article.getSpamRemoved());
                    removed.add(SpamRemoval.newBuilder().setRule("spam-link-farm").setRuleVersion(1)
                            .setText("Daftar situs slot gacor maxwin terpercaya, deposit pulsa").build());
                    article.setSpamRemoved(removed);
                }
                CleanArticle value = article.build();
                producer.send(new ProducerRecord<>(topic, value.getId(), value));
            }
        }
        out.printf(Locale.ROOT, "source health: %d clean articles of %d sources on %s%n", count, SOURCES, topic);
        return topic;
    }
}
