package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.RawArticle;
import io.newsflow.e2e.support.Elasticsearch;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.e2e.support.TopicTally;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of the enricher while a batch of raw articles streams through it, three times, each time restarted:
 * Kafka Streams' exactly-once (transactions over output, dedup changelog and input offsets) must leave every article
 * exactly once in {@code articles.clean} for a {@code read_committed} reader, and exactly once in the index.
 */
@ExtendWith(StackExtension.class)
class EnrichKillIT {
    private static final Logger log = LoggerFactory.getLogger(EnrichKillIT.class);
    private static final int ARTICLES = 240;
    private static final int KILLS = 3;
    /** New clean articles committed since the last (re)start before the next kill: the enricher is in full flow. */
    private static final int PROGRESS_BEFORE_KILL = 15;
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(10);

    @RegisterExtension
    final Services services = new Services();

    @Test
    void shouldPutEveryArticleInArticlesCleanExactlyOnceAcrossEnrichKills(StackEndpoints endpoints) {
        PipelineConfig config = PipelineConfig.forRun("enrich-kill", endpoints)
                .set("sink", "bulk.flushInterval", "200ms")
                // transactions stay open for a second (exactly-once's default is 100 ms), so kills land inside them
                .set("enrich", "commitInterval", COMMIT_INTERVAL.toMillis() + "ms")
                .fastFailover();
        List<RawArticle> batch = RawArticles.batch(RawArticles.articles(RawArticles.realisticPages()), ARTICLES,
                "news.example.org", config.name());
        Set<String> ids = batch.stream().map(RawArticle::getId).collect(Collectors.toSet());
        assertThat(ids).as("one id per article").hasSize(ARTICLES);
        Elasticsearch elasticsearch = new Elasticsearch(endpoints.elasticsearchUrl());

        try (Kafka kafka = new Kafka(endpoints)) {
            kafka.createTopics(3, config.rawTopic(), config.cleanTopic(), config.deadLetterTopic());
            try (KafkaProducer<String, RawArticle> producer = kafka.rawArticleProducer()) {
                batch.forEach(raw -> producer.send(new ProducerRecord<>(config.rawTopic(), raw.getId(), raw)));
            }
            ServiceProcess sink = services.start(config, "sink", "256m");
            ServiceProcess enrich = services.start(config, "enrich", "512m");

            try (TopicTally committed = TopicTally.readCommitted(kafka, config.cleanTopic());
                    TopicTally everything = TopicTally.readUncommitted(kafka, config.cleanTopic())) {
                List<Long> progressAtKills = new ArrayList<>();
                for (int kill = 1; kill <= KILLS; kill++) {
                    long before = committed.records();
                    Awaitility.await("enrich start " + kill + " committing " + PROGRESS_BEFORE_KILL
                                    + " new articles, then writing into an open transaction")
                            .atMost(START_TIMEOUT)
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> {
                                enrich.assertRunning();
                                return committed.records() >= before + PROGRESS_BEFORE_KILL
                                        && kafka.hasOpenTransaction(config.cleanTopic());
                            });
                    enrich.kill();
                    progressAtKills.add(committed.records());
                    log.info("kill {}: {} of {} articles committed when enrich was killed", kill, committed.records(),
                            ARTICLES);
                    enrich.restart();
                }

                Awaitility.await("enrich through the whole batch after " + KILLS + " kills")
                        .atMost(FINISH_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            enrich.assertRunning();
                            return kafka.lag(config.enrichApplicationId(), config.rawTopic()) == 0;
                        });
                committed.awaitCaughtUp(Duration.ofMinutes(1));
                everything.awaitCaughtUp(Duration.ofMinutes(1));
                log.info("articles.clean holds {} records for a read_uncommitted reader, {} committed ({} aborted)",
                        everything.records(), committed.records(), everything.records() - committed.records());

                assertThat(progressAtKills).as("each kill came while articles were still streaming")
                        .allSatisfy(progress -> assertThat(progress).isLessThan(ARTICLES));
                assertThat(everything.records() - committed.records())
                        .as("records of transactions the kills aborted (what read_committed must hide)").isPositive();
                assertThat(committed.duplicates()).as("articles committed more than once").isEmpty();
                assertThat(committed.keys()).as("articles committed").isEqualTo(ids);
                assertThat(committed.records()).isEqualTo(ARTICLES);
                assertThat(kafka.endOffsets(config.deadLetterTopic(), IsolationLevel.READ_COMMITTED).values())
                        .as("dead letters").allMatch(end -> end == 0);
            }

            Awaitility.await("the batch searchable in " + config.alias())
                    .atMost(FINISH_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        sink.assertRunning();
                        return elasticsearch.count(config.alias()) >= ARTICLES;
                    });
            assertThat(elasticsearch.count(config.alias())).isEqualTo(ARTICLES);
            assertThat(Set.copyOf(elasticsearch.existingIds(config.alias(), ids))).isEqualTo(ids);
            assertThat(enrich.starts()).isEqualTo(KILLS + 1);
        }
    }
}
