package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.e2e.support.FeedSite;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.e2e.support.TopicTally;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest halted ({@code Runtime.halt}, as abrupt as {@code kill -9}) right after an article was sent and before its
 * ledger entry and the commit, through its test seam, then restarted: the article and its ledger entry are one
 * transaction, so the restarted ingest (which aborts what the dead one left open) publishes every article exactly
 * once for a {@code read_committed} reader, and the ledger holds each exactly once.
 */
@ExtendWith(StackExtension.class)
class IngestKillIT {
    private static final Logger log = LoggerFactory.getLogger(IngestKillIT.class);
    /** The test seam of {@code io.newsflow.ingest.kafka.CrashSeam}: halt after the N-th article was sent. */
    private static final String HALT_AFTER_ARTICLE_SENT = "newsflow.ingest.test.haltAfterArticleSent";
    private static final int ITEMS = 6;
    private static final int HALT_AT = 4;
    private static final String POLLS = "newsflow_ingest_feeds_polled_total";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    final Services services = new Services();

    @Test
    void shouldPublishEveryArticleExactlyOnceWhenIngestDiesBetweenSendAndLedgerEntry(StackEndpoints endpoints) {
        try (FeedSite site = FeedSite.start(); Kafka kafka = new Kafka(endpoints)) {
            List<FeedSite.Item> items = IntStream.rangeClosed(1, ITEMS)
                    .mapToObj(n -> new FeedSite.Item("/news/" + n + ".html", "Story " + n,
                            Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * n), "Summary of story " + n))
                    .toList();
            items.forEach(item -> site.page(item.path(), "text/html; charset=utf-8", "<html><head><title>"
                    + item.title() + "</title></head><body><article><h1>" + item.title() + "</h1><p>"
                    + item.summary() + ", told at length.</p></article></body></html>"));
            site.rss("/feed.xml", "Kill test news", items);
            Set<String> ids = items.stream().map(item -> RawArticles.id(site.url(item.path())))
                    .collect(Collectors.toSet());

            PipelineConfig config = PipelineConfig.forRun("ingest-kill", endpoints)
                    .set("ingest", "feeds", List.of(Map.of("url", site.url("/feed.xml"), "allowPrivateAddress", true)))
                    .set("ingest", "defaultPollInterval", "3s")
                    .set("ingest", "jitter", 0)
                    .set("ingest", "cycleWindow", "0ms")
                    .set("ingest", "fetch.minDelayPerHost", "0ms")
                    // the transaction stays open a second: every article of the poll joins the one the halt leaves
                    .set("ingest", "publish.commitInterval", "1s");
            String ledgerTopic = config.name() + ".ingest.published";
            kafka.createTopics(3, config.rawTopic(), config.cleanTopic(), config.deadLetterTopic());

            ServiceProcess ingest = services.start(config, "ingest", "256m",
                    Map.of(HALT_AFTER_ARTICLE_SENT, String.valueOf(HALT_AT)));
            Awaitility.await("ingest halting after sending article " + HALT_AT)
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !ingest.isAlive());
            assertThat(ingest.exitCode()).as("the seam's halt, not a failure: log ends with\n" + ingest.logTail(30))
                    .isEqualTo(137);
            assertThat(ingest.logTail(200)).contains("TEST SEAM: halting after article " + HALT_AT);
            assertThat(kafka.hasOpenTransaction(config.rawTopic()))
                    .as("the halted process left its articles in an open transaction").isTrue();

            try (TopicTally committed = TopicTally.readCommitted(kafka, config.rawTopic());
                    TopicTally everything = TopicTally.readUncommitted(kafka, config.rawTopic())) {
                everything.awaitCaughtUp(Duration.ofSeconds(30));
                long sentBeforeHalt = everything.records();
                log.info("before the restart: {} articles on {} (read_uncommitted), {} committed", sentBeforeHalt,
                        config.rawTopic(), committed.records());
                assertThat(sentBeforeHalt).as("articles sent before the halt").isGreaterThanOrEqualTo(HALT_AT);

                ingest.clearSystemProperty(HALT_AFTER_ARTICLE_SENT);
                ingest.restart();
                Awaitility.await("the restarted ingest publishing all " + ITEMS + " articles, then polling again")
                        .atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            ingest.assertRunning();
                            return committed.distinctKeys() >= ITEMS && ingest.metric(POLLS) >= 3;
                        });
                ingest.stop();
                committed.awaitCaughtUp(Duration.ofSeconds(30));
                everything.awaitCaughtUp(Duration.ofSeconds(30));

                assertThat(committed.keys()).as("articles committed").isEqualTo(ids);
                assertThat(committed.duplicates()).as("articles committed more than once").isEmpty();
                assertThat(committed.records()).isEqualTo(ITEMS);
                assertThat(everything.records() - committed.records())
                        .as("records of the transaction the halt left open, aborted on restart").isPositive();
            }

            try (TopicTally ledger = TopicTally.readCommitted(kafka, ledgerTopic)) {
                ledger.awaitCaughtUp(Duration.ofSeconds(30));
                Map<String, Integer> articleEntries = ledger.counts().entrySet().stream()
                        .filter(entry -> !entry.getKey().startsWith("item:"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertThat(articleEntries.keySet()).as("articles in the ledger").isEqualTo(ids);
                assertThat(articleEntries.values()).as("ledger entries per article").containsOnly(1);
            }
            assertThat(ingest.starts()).isEqualTo(2);
        }
    }
}
