package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.CleanArticle;
import io.newsflow.e2e.support.Elasticsearch;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The enricher writes {@code articles.clean} in transactions; what a killed enricher had written in its open
 * transaction is aborted and written again by its successor. The sink must read as {@code read_committed}, or it
 * indexes articles that, as far as the topic's exactly-once contract goes, were never written.
 */
@ExtendWith(StackExtension.class)
class AbortedOutputIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @RegisterExtension
    final Services services = new Services();

    @Test
    void shouldNeverIndexAnArticleWhoseTransactionWasAborted(StackEndpoints endpoints) {
        PipelineConfig config = PipelineConfig.forRun("aborted", endpoints);
        CleanArticle before = article(config, "before");
        CleanArticle aborted = article(config, "aborted");
        CleanArticle after = article(config, "after");
        Elasticsearch elasticsearch = new Elasticsearch(endpoints.elasticsearchUrl());

        try (Kafka kafka = new Kafka(endpoints)) {
            kafka.createTopics(1, config.rawTopic(), config.cleanTopic(), config.deadLetterTopic());
            try (KafkaProducer<String, CleanArticle> producer = kafka.transactionalAvroProducer(config.name())) {
                producer.initTransactions();
                for (CleanArticle article : List.of(before, aborted, after)) {
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>(config.cleanTopic(), article.getId(), article));
                    producer.flush();
                    if (article == aborted) {
                        producer.abortTransaction();
                    } else {
                        producer.commitTransaction();
                    }
                }
            }
            ServiceProcess sink = services.start(config, "sink", "256m");

            Awaitility.await("the committed articles searchable")
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        sink.assertRunning();
                        return elasticsearch.existingIds(config.alias(), List.of(before.getId(), after.getId()))
                                .size() == 2;
                    });
            assertThat(elasticsearch.existingIds(config.alias(), List.of(aborted.getId()))).isEmpty();
            assertThat(elasticsearch.count(config.alias())).isEqualTo(2);
        }
    }

    private static CleanArticle article(PipelineConfig config, String name) {
        String url = "https://news.example.org/" + config.name() + "/" + name;
        return TestRecords.cleanArticle().setId(RawArticles.id(url)).setUrl(url).setCanonicalUrl(url)
                .setTitle("The " + name + " article").build();
    }
}
