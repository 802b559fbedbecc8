package io.newsflow.app.up;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the pipeline is, counted from the services' own meters: what a person watching {@code newsflow up} wants to
 * know. The meter names are the services' (docs/ingest.md, docs/enrich.md, docs/sink.md).
 *
 * @param feeds feeds being polled
 * @param polls feed polls done
 * @param failedPolls feed polls that failed (unreachable, not a feed, refused...)
 * @param raw raw articles ingest published (new and changed items)
 * @param enriched raw articles enrich read
 * @param duplicates raw articles enrich skipped as already seen with the same content
 * @param clean clean articles enrich wrote
 * @param indexed clean articles the sink indexed
 * @param deadLettered records enrich or the sink sent to the dead-letter topic
 * @param staleVersions clean articles the sink skipped because a newer version is indexed
 */
public record PipelineProgress(long feeds, long polls, long failedPolls, long raw, long enriched, long duplicates,
        long clean, long indexed, long deadLettered, long staleVersions) {

    public static final PipelineProgress NONE = new PipelineProgress(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Reads the meters of each service; a service that is not running counts zero. */
    public static PipelineProgress read(Function<String, Optional<MeterRegistry>> meters) {
        MeterRegistry ingest = meters.apply("ingest").orElse(null);
        MeterRegistry enrich = meters.apply("enrich").orElse(null);
        MeterRegistry sink = meters.apply("sink").orElse(null);
        return new PipelineProgress(
                gauge(ingest, "newsflow.ingest.feeds.configured"),
                count(ingest, "newsflow.ingest.feeds.polled", null, null),
                count(ingest, "newsflow.ingest.feeds.polled", "outcome", "failed"),
                count(ingest, "newsflow.ingest.items", "result", "new")
                        + count(ingest, "newsflow.ingest.items", "result", "changed"),
                count(enrich, "newsflow.enrich.articles.in", null, null),
                count(enrich, "newsflow.enrich.articles.duplicate", null, null),
                count(enrich, "newsflow.enrich.articles.out", null, null),
                count(sink, "newsflow.sink.docs.indexed", null, null),
                count(enrich, "newsflow.enrich.articles.dead.lettered", null, null)
                        + count(sink, "newsflow.sink.docs.dead.lettered", null, null),
                count(sink, "newsflow.sink.docs.version.conflicts", null, null));
    }

    /**
     * Every feed was polled and everything published has gone all the way through: indexed, dead-lettered or
     * skipped as a duplicate. Polls of a failing feed count, so a broken feed does not hold the summary back.
     */
    public boolean settled() {
        boolean everyFeedPolled = feeds > 0 && polls >= feeds;
        boolean enrichCaughtUp = enriched >= raw && clean + duplicates + deadLettered >= enriched;
        boolean sinkCaughtUp = indexed + staleVersions + deadLettered >= clean;
        return everyFeedPolled && raw > 0 && enrichCaughtUp && sinkCaughtUp && indexed > 0;
    }

    private static long count(MeterRegistry registry, String name, String tag, String value) {
        if (registry == null) {
            return 0;
        }
        Search search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
    }

    private static long gauge(MeterRegistry registry, String name) {
        if (registry == null) {
            return 0;
        }
        return Math.round(registry.find(name).gauges().stream().mapToDouble(g -> g.value()).filter(v -> !Double.isNaN(v))
                .sum());
    }
}
