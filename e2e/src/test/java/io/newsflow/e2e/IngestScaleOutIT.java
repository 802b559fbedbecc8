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
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several ingest processes in one group, against many feeds on many local hosts (127.0.0.x): each feed is polled
 * by one process at a time (the sites log each request's User-Agent, which carries the process's contact URL),
 * every article lands on the raw topic exactly once (read_committed) across a {@code kill -9} of one process and
 * the start of another, and instances with different feed configurations warn naming the difference.
 */
@ExtendWith(StackExtension.class)
class IngestScaleOutIT {
    private static final Logger log = LoggerFactory.getLogger(IngestScaleOutIT.class);
    private static final int HOSTS = 60;
    private static final int FEEDS_PER_HOST = 5;
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration SESSION = Duration.ofSeconds(6);
    /** Each answer is held this long: two polls of one feed at the same time would overlap. */
    private static final Duration HOLD = Duration.ofMillis(300);
    private static final String PARTITIONS_OWNED = "newsflow_ingest_partitions_owned";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    @RegisterExtension
    final Services services = new Services();

    private final List<FeedSite> sites = new ArrayList<>();
    /** Feed URL → its site and path, and the items it shows. */
    private final Map<String, Feed> feeds = new HashMap<>();

    /** The processes that must be running (not the one killed). */
    private final List<ServiceProcess> live = new ArrayList<>();

    private record Feed(FeedSite site, String path, List<FeedSite.Item> items) {}

    @Test
    void shouldPollEachFeedFromOneProcessAndPublishEachArticleOnceAcrossAKillAndAJoin(StackEndpoints endpoints)
            throws Exception {
        try (Kafka kafka = new Kafka(endpoints)) {
            for (int h = 0; h < HOSTS; h++) {
                FeedSite site = FeedSite.start(InetAddress.getByName("127.0.0." + (h + 2))).hold(HOLD);
                sites.add(site);
                for (int f = 0; f < FEEDS_PER_HOST; f++) {
                    Feed feed = new Feed(site, "/feed" + f + ".xml", new ArrayList<>());
                    feeds.put(site.url(feed.path()), feed);
                    addItem(feed, "a");
                }
            }
            FeedSite extraSite = FeedSite.start(InetAddress.getByName("127.0.0." + (HOSTS + 2)));
            sites.add(extraSite);
            extraSite.rss("/only-on-4.xml", "Only on ingest-4", List.of());
            String extraFeed = extraSite.url("/only-on-4.xml");

            PipelineConfig config = PipelineConfig.forRun("ingest-scale", endpoints)
                    .set("ingest", "defaultPollInterval", INTERVAL.toSeconds() + "s")
                    .set("ingest", "jitter", 0)
                    .set("ingest", "cycleWindow", "0ms")
                    .set("ingest", "fetch.minDelayPerHost", "0ms")
                    .set("ingest", "group.sessionTimeout", SESSION.toSeconds() + "s");
            kafka.createTopics(3, config.rawTopic(), config.cleanTopic(), config.deadLetterTopic());
            List<Map<String, Object>> feedList = feeds.keySet().stream().sorted()
                    .map(url -> Map.<String, Object>of("url", url, "allowPrivateAddress", true)).toList();

            Map<String, ServiceProcess> ingests = new HashMap<>();
            for (String name : List.of("ingest-1", "ingest-2", "ingest-3")) {
                ingests.put(name, start(config, name, feedList));
            }
            try (TopicTally committed = TopicTally.readCommitted(kafka, config.rawTopic())) {
                awaitPublished(committed, "three processes publishing every first article");
                Awaitility.await("the 12 ledger partitions owned by the three, each owning some")
                        .atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                        .until(() -> live.stream().mapToDouble(p -> p.metric(PARTITIONS_OWNED)).sum() == 12
                                && live.stream().allMatch(p -> p.metric(PARTITIONS_OWNED) > 0));
                Instant steady = Instant.now();
                Awaitility.await("two more poll intervals").atMost(Duration.ofMinutes(1))
                        .until(() -> Instant.now().isAfter(steady.plus(INTERVAL.multipliedBy(2))));
                Map<String, Set<String>> pollers = pollersSince(steady);
                assertThat(pollers.keySet()).as("feeds polled in two intervals").isEqualTo(feeds.keySet());
                assertThat(pollers.values()).as("processes polling each feed in steady state")
                        .allMatch(who -> who.size() == 1);
                assertThat(pollers.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
                        .as("every process owns feeds").hasSize(3);
                Set<String> ofThree = pollers.entrySet().stream()
                        .filter(e -> e.getValue().contains("ingest-3")).map(Map.Entry::getKey)
                        .collect(Collectors.toSet());

                live.remove(ingests.get("ingest-3"));
                ingests.get("ingest-3").kill();
                Instant killed = Instant.now();
                feeds.values().forEach(feed -> addItem(feed, "b"));
                awaitPublished(committed, "the two left publishing the items added after the kill");
                Map<String, Set<String>> after = pollersSince(killed);
                for (String feed : ofThree) {
                    Instant first = firstPollSince(feed, killed);
                    assertThat(first).as("first poll of " + feed + " (ingest-3's) after the kill").isNotNull();
                    assertThat(Duration.between(killed, first))
                            .as("takeover of " + feed + ": within the session timeout and two intervals")
                            .isLessThanOrEqualTo(SESSION.plus(INTERVAL.multipliedBy(2)));
                    assertThat(after.get(feed)).doesNotContain("ingest-3");
                }

                ServiceProcess fourth = start(config, "ingest-4", append(feedList, extraFeed));
                ingests.put("ingest-4", fourth);
                Instant joined = Instant.now();
                Awaitility.await("ingest-4 taking feeds over").atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> pollersSince(joined).values().stream().anyMatch(who -> who.contains("ingest-4")));
                feeds.values().forEach(feed -> addItem(feed, "c"));
                awaitPublished(committed, "three processes publishing the items added after the join");

                Awaitility.await("a warning on ingest-1 naming the feed only ingest-4 has")
                        .atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> ingests.get("ingest-1").logTail(2000).contains(extraFeed));
                assertThat(ingests.get("ingest-1").logTail(2000))
                        .contains("WARNING: the feed configuration of this instance (ingest-1")
                        .contains("feeds only on ingest-4 (1): [" + extraFeed + "]");

                assertThat(committed.duplicates()).as("articles published more than once").isEmpty();
                assertThat(committed.keys()).containsAll(expectedIds());
                assertOverlapFree();
                log.info("{} feeds on {} hosts, {} articles published once each", feeds.size(), HOSTS,
                        committed.records());
            }
        } finally {
            sites.forEach(FeedSite::close);
        }
    }

    private ServiceProcess start(PipelineConfig config, String name, List<Map<String, Object>> feedList) {
        Map<String, Object> changes = new HashMap<>();
        changes.put("instanceName", name);
        changes.put("feeds", feedList);
        changes.put("fetch.contactUrl", "http://ingest.test/" + name);
        ServiceProcess process = services.startInstance(config, "ingest", name, "256m", changes);
        process.awaitUp(START_TIMEOUT);
        live.add(process);
        return process;
    }

    private static List<Map<String, Object>> append(List<Map<String, Object>> feedList, String url) {
        List<Map<String, Object>> more = new ArrayList<>(feedList);
        more.add(Map.of("url", url, "allowPrivateAddress", true));
        return more;
    }

    private void addItem(Feed feed, String round) {
        String path = feed.path().replace(".xml", "") + "/" + round + ".html";
        String title = "Story " + round + " of " + feed.site().url(feed.path());
        feed.site().page(path, "text/html; charset=utf-8", "<html><head><title>" + FeedSite.escape(title)
                + "</title></head><body><article><h1>" + FeedSite.escape(title) + "</h1><p>Round " + round
                + " told at some length, so that it is an article.</p></article></body></html>");
        feed.items().add(new FeedSite.Item(path, title, Instant.parse("2026-12-01T10:00:00Z")
                .plusSeconds(60L * feed.items().size()), "Summary of " + title));
        feed.site().rss(feed.path(), "Feed " + feed.path(), List.copyOf(feed.items()));
    }

    private Set<String> expectedIds() {
        Set<String> ids = new HashSet<>();
        feeds.values().forEach(feed -> feed.items().forEach(item -> ids.add(RawArticles.id(feed.site().url(item.path())))));
        return ids;
    }

    private void awaitPublished(TopicTally committed, String what) {
        Set<String> ids = expectedIds();
        Awaitility.await(what).atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    live.forEach(ServiceProcess::assertRunning);
                    return committed.keys().containsAll(ids);
                });
    }

    /** Feed URL → the instances that requested it since {@code since}. */
    private Map<String, Set<String>> pollersSince(Instant since) {
        Map<String, Set<String>> pollers = new HashMap<>();
        for (Map.Entry<String, Feed> feed : feeds.entrySet()) {
            for (FeedSite.Request request : feed.getValue().site().requestLog()) {
                if (request.path().equals(feed.getValue().path()) && request.at().isAfter(since)) {
                    pollers.computeIfAbsent(feed.getKey(), k -> new HashSet<>()).add(instanceOf(request));
                }
            }
        }
        return pollers;
    }

    private Instant firstPollSince(String feedUrl, Instant since) {
        Feed feed = feeds.get(feedUrl);
        return feed.site().requestLog().stream()
                .filter(r -> r.path().equals(feed.path()) && r.at().isAfter(since))
                .map(FeedSite.Request::at).findFirst().orElse(null);
    }

    /** No two processes had a request for one feed open at the same time (each answer is held {@link #HOLD}). */
    private void assertOverlapFree() {
        for (Map.Entry<String, Feed> feed : feeds.entrySet()) {
            List<FeedSite.Request> polls = feed.getValue().site().requestLog().stream()
                    .filter(r -> r.path().equals(feed.getValue().path())).toList();
            for (FeedSite.Request one : polls) {
                for (FeedSite.Request other : polls) {
                    if (!instanceOf(one).equals(instanceOf(other))) {
                        assertThat(one.answered().isBefore(other.at()) || other.answered().isBefore(one.at()))
                                .as(feed.getKey() + " polled by " + instanceOf(one) + " at " + one.at() + " and by "
                                        + instanceOf(other) + " at " + other.at())
                                .isTrue();
                    }
                }
            }
        }
    }

    private static String instanceOf(FeedSite.Request request) {
        int at = request.userAgent().indexOf("http://ingest.test/");
        return at < 0 ? request.userAgent()
                : request.userAgent().substring(at + "http://ingest.test/".length()).replace(")", "");
    }
}
