package io.newsflow.app.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.schemas.Topics;
import io.newsflow.sink.ElasticsearchClients;
import io.newsflow.sink.runtime.SinkService;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.index.GenerationSwitch;
import io.newsflow.sink.index.IndexGenerations;
import io.newsflow.sink.index.IndexSetup;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;

/**
 * A replay that writes: the current enricher re-enriches {@code articles.raw} as a Kafka Streams application of its
 * own ({@code <enrich.applicationId>-replay-<time>}, so its own offsets from the beginning and its own dedup store)
 * and writes new versions to {@code articles.clean}. Then either
 * <ul>
 *   <li>{@link #intoNewGeneration}: an indexer of its own (consumer group {@code <sink.groupId>-replay-<time>},
 *       started at the clean topic's end offsets of the replay's start) indexes everything written to the clean topic
 *       from then on, the replay's articles and live ones, into a new index generation that no search reads yet.
 *       Once the replay and its indexer have caught up, one {@code _aliases} call moves reads and writes to the new
 *       generation; the indexer then indexes what the live sink put into the old one in the meantime, and stops. The
 *       old generation stays behind {@code <alias>-previous} until {@code replay --drop-old}; or</li>
 *   <li>{@link #inPlace}: the live sink indexes the new versions over the old (a newer enrichment wins by its external
 *       version).</li>
 * </ul>
 * Both compare the index before (an Elasticsearch point in time opened at the start) with after, for the summary,
 * and delete the replay's consumer groups, Streams internal topics and local state when they are done.
 */
public final class ReplayRun {

    /** The settings a replay uses. */
    public record Pipeline(KafkaSettings kafka, RegistrySettings registry, Topics topics, EnrichSettings enrich,
            SinkSettings sink) {}

    /** What went wrong while replaying: a service failed, or the run was told to give up. */
    public static final class ReplayFailed extends Exception {
        ReplayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * How a run ended: what changed, how many raw records it re-enriched, and how long it took until they were
     * re-indexed (the summary's comparison not counted).
     */
    public record Result(ReplaySummary summary, long rawRecords, Duration elapsed) {}

    private static final Duration LIVE_SINK_PATIENCE = Duration.ofMinutes(2);

    private final Pipeline pipeline;
    private final ReplayFilter filter;
    private final PrintWriter out;
    private final Duration progressEvery;
    private final String applicationId;
    private final String indexerGroup;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public ReplayRun(Pipeline pipeline, ReplayFilter filter, PrintWriter out, Duration progressEvery) {
        this.pipeline = pipeline;
        this.filter = filter;
        this.out = out;
        this.progressEvery = progressEvery;
        long stamp = Instant.now().getEpochSecond();
        this.applicationId = pipeline.enrich().applicationId() + "-replay-" + stamp;
        this.indexerGroup = pipeline.sink().groupId() + "-replay-" + stamp;
    }

    /** Replays into a new index generation and switches the alias to it once it has caught up. */
    public Result intoNewGeneration() throws Exception {
        String alias = pipeline.sink().index().alias();
        String clean = pipeline.topics().clean().name();
        long started = System.nanoTime();
        try (ElasticsearchClients clients = ElasticsearchClients.connect(pipeline.sink().elasticsearch());
                GroupOffsets offsets = new GroupOffsets(pipeline.kafka().clientConfig())) {
            ElasticsearchClient client = clients.blocking();
            new IndexSetup(client, pipeline.sink().index().template(), alias).ensure();
            GenerationSwitch generations = new GenerationSwitch(client, alias);
            IndexGenerations old = generations.read();
            String next = null;
            boolean switched = false;
            try (IndexSnapshot before = IndexSnapshot.open(client, old.live())) {
                next = generations.createNext();
                offsets.startAt(indexerGroup, offsets.end(clean));
                println("replay: building %s beside %s; searches keep reading %s until it has caught up", next,
                        old.live(), alias);
                long raw;
                try (AutoCloseable indexer = SinkService.startOnPreparedAlias(context(), pipeline.kafka(),
                        pipeline.registry(), pipeline.topics(), indexerSettings(alias))) {
                    raw = reEnrich(offsets, before);
                    awaitIndexed(offsets, offsets.end(clean), "indexing into " + next, before);
                    List<String> moved = generations.switchTo(next);
                    switched = true;
                    println("replay: switched %s to %s for reads and writes in one step; %s kept behind %s until"
                            + " `newsflow replay --drop-old`", alias, next, moved, IndexGenerations.previousAlias(alias));
                    // What the live sink wrote into the old generation until the switch.
                    awaitIndexed(offsets, offsets.end(clean), "indexing what reached " + moved + " meanwhile", before);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                generations.release(next);
                try (IndexSnapshot after = IndexSnapshot.open(client, List.of(next))) {
                    return new Result(IndexSnapshot.compare(before, after), raw, elapsed);
                }
            } finally {
                if (next != null && !switched) {
                    generations.abandon(next);
                    println("replay: deleted the unfinished %s; %s is as it was", next, alias);
                }
                offsets.deleteReplayState(applicationId, List.of(applicationId, indexerGroup));
            }
        }
    }

    /** Replays over the indexed articles, through the live sink. */
    public Result inPlace() throws Exception {
        String alias = pipeline.sink().index().alias();
        long started = System.nanoTime();
        try (ElasticsearchClients clients = ElasticsearchClients.connect(pipeline.sink().elasticsearch());
                GroupOffsets offsets = new GroupOffsets(pipeline.kafka().clientConfig())) {
            ElasticsearchClient client = clients.blocking();
            try (IndexSnapshot before = IndexSnapshot.open(client, List.of(alias))) {
                long raw = reEnrich(offsets, before);
                Map<TopicPartition, Long> end = offsets.end(pipeline.topics().clean().name());
                long deadline = System.nanoTime() + LIVE_SINK_PATIENCE.toNanos();
                while (!offsets.caughtUp(pipeline.sink().groupId(), end)) {
                    if (System.nanoTime() > deadline) {
                        println("replay: the live sink (group %s) has not indexed the new versions within %ss; the"
                                + " summary is of what is indexed now", pipeline.sink().groupId(),
                                LIVE_SINK_PATIENCE.toSeconds());
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(Math.min(1000, progressEvery.toMillis())); // a polling period
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                try (IndexSnapshot after = IndexSnapshot.open(client, List.of(alias))) {
                    return new Result(IndexSnapshot.compare(before, after), raw, elapsed);
                }
            } finally {
                offsets.deleteReplayState(applicationId, List.of(applicationId));
            }
        }
    }

    /** Deletes the generations a replay kept behind {@code <alias>-previous}; returns their names. */
    public static List<String> dropOld(SinkSettings sink) throws Exception {
        try (ElasticsearchClients clients = ElasticsearchClients.connect(sink.elasticsearch())) {
            return new GenerationSwitch(clients.blocking(), sink.index().alias()).dropPrevious();
        }
    }

    /** Runs the replay's Streams app until it has committed every raw record there was at its start. */
    private long reEnrich(GroupOffsets offsets, IndexSnapshot before) throws Exception {
        Map<TopicPartition, Long> end = offsets.end(pipeline.topics().raw().name());
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        println("replay: application id %s, %d raw records to read", applicationId, total);
        EnrichSettings settings = pipeline.enrich().withApplicationId(applicationId,
                pipeline.enrich().stateDir().resolveSibling(applicationId));
        long started = System.nanoTime();
        EnrichService service = EnrichService.start(settings, pipeline.kafka(), pipeline.registry(),
                pipeline.topics(), context(), filter::test);
        try {
            while (true) {
                throwIfFailed();
                long done = offsets.committed(applicationId, end);
                println("replay: re-enriched %s", new ReplayProgress(done, total,
                        Duration.ofNanos(System.nanoTime() - started)).render());
                if (done >= total) {
                    return total;
                }
                before.keepAlive();
                TimeUnit.MILLISECONDS.sleep(progressEvery.toMillis()); // a progress line's period
            }
        } finally {
            service.closeForGood();
        }
    }

    /** Waits until the replay's indexer has committed everything before {@code end} of the clean topic. */
    private void awaitIndexed(GroupOffsets offsets, Map<TopicPartition, Long> end, String what, IndexSnapshot before)
            throws Exception {
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        while (true) {
            throwIfFailed();
            if (offsets.caughtUp(indexerGroup, end)) {
                println("replay: %s: caught up", what);
                return;
            }
            println("replay: %s: %d clean records behind", what, total - offsets.committed(indexerGroup, end));
            before.keepAlive();
            TimeUnit.MILLISECONDS.sleep(Math.min(1000, progressEvery.toMillis())); // a progress line's period
        }
    }

    /** The live sink's settings with the replay's group and the new generation's alias. */
    private SinkSettings indexerSettings(String alias) {
        SinkSettings live = pipeline.sink();
        return new SinkSettings(indexerGroup, live.elasticsearch(),
                new SinkSettings.Index(GenerationSwitch.replayAlias(alias), live.index().template()), live.bulk(),
                live.maxInFlight(), live.commitInterval(), live.retry(), live.breaker(),
                new ArrayList<>(live.errorPolicy()));
    }

    private ServiceContext context() {
        return ServiceContext.unserved(new SimpleMeterRegistry(), (reason, cause) ->
                failure.compareAndSet(null, cause == null ? new IllegalStateException(reason) : cause));
    }

    private void throwIfFailed() throws ReplayFailed {
        Throwable cause = failure.get();
        if (cause != null) {
            throw new ReplayFailed(cause.getMessage(), cause);
        }
    }

    private void println(String format, Object... args) {
        out.println(String.format(format, args));
        out.flush();
    }
}
