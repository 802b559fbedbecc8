package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.avro.CleanArticle;
import io.newsflow.e2e.support.Elasticsearch;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.e2e.support.SteadyProducer;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.IsolationLevel;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of the sink while clean articles keep arriving, three times, each time restarted: offsets are
 * committed only for what Elasticsearch acknowledged, so the restarted sink reads again whatever the killed one had
 * not got acknowledged, and every article ends up indexed once (the document id is the article id).
 */
@ExtendWith(StackExtension.class)
class SinkKillIT {
    private static final Logger log = LoggerFactory.getLogger(SinkKillIT.class);
    private static final double PER_SECOND = 15;
    private static final int KILLS = 3;
    private static final int PROGRESS_BEFORE_KILL = 20;
    /** Documents this sink process got acknowledged by Elasticsearch since it started. */
    private static final String INDEXED = "newsflow_sink_docs_indexed_total";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(8);

    @RegisterExtension
    final Services services = new Services();

    @Test
    void shouldIndexEveryArticleOnceAndDeadLetterNoneAcrossSinkKills(StackEndpoints endpoints) {
        PipelineConfig config = PipelineConfig.forRun("sink-kill", endpoints)
                // small, frequent bulk requests and commits: a kill always finds some in flight
                .set("sink", "bulk.flushInterval", "100ms")
                .set("sink", "bulk.maxActions", 20)
                .set("sink", "commitInterval", "200ms")
                .fastFailover();
        Elasticsearch elasticsearch = new Elasticsearch(endpoints.elasticsearchUrl());

        try (Kafka kafka = new Kafka(endpoints)) {
            kafka.createTopics(3, config.rawTopic(), config.cleanTopic(), config.deadLetterTopic());
            ServiceProcess sink = services.start(config, "sink", "256m");
            SteadyProducer<CleanArticle> producer = SteadyProducer.start(kafka, config.cleanTopic(),
                    n -> article(config, n), CleanArticle::getId, PER_SECOND);
            try {
                for (int kill = 1; kill <= KILLS; kill++) {
                    awaitIndexing(sink, "sink start " + kill);
                    sink.kill();
                    log.info("kill {}: {} articles produced, {} searchable when the sink was killed", kill,
                            producer.acknowledged(), elasticsearch.count(config.alias()));
                    sink.restart();
                }
                awaitIndexing(sink, "the sink after " + KILLS + " kills");
            } finally {
                producer.close(); // articles arrived until here: every kill came while they were still arriving
            }
            Set<String> ids = producer.acknowledgedKeys();
            log.info("{} articles produced in all", ids.size());

            Awaitility.await("every article indexed after " + KILLS + " kills")
                    .atMost(FINISH_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        sink.assertRunning();
                        return elasticsearch.count(config.alias()) >= ids.size();
                    });
            assertThat(elasticsearch.count(config.alias())).isEqualTo(ids.size());
            assertThat(Set.copyOf(elasticsearch.existingIds(config.alias(), ids))).isEqualTo(ids);
            assertThat(kafka.endOffsets(config.deadLetterTopic(), IsolationLevel.READ_COMMITTED).values())
                    .as("dead letters").allMatch(end -> end == 0);
            assertThat(sink.starts()).isEqualTo(KILLS + 1);
        }
    }

    /** Waits until this sink process got {@value #PROGRESS_BEFORE_KILL} documents acknowledged: it is in full flow. */
    private static void awaitIndexing(ServiceProcess sink, String what) {
        Awaitility.await(what + " indexing " + PROGRESS_BEFORE_KILL + " articles")
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sink.metric(INDEXED) >= PROGRESS_BEFORE_KILL);
    }

    private static CleanArticle article(PipelineConfig config, int n) {
        String url = "https://news.example.org/" + config.name() + "/" + n;
        return TestRecords.cleanArticle().setId(RawArticles.id(url)).setUrl(url).setCanonicalUrl(url).build();
    }
}
