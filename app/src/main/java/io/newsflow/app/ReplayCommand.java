package io.newsflow.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.app.replay.RawReader;
import io.newsflow.app.replay.ReplayFilter;
import io.newsflow.app.replay.ReplayRun;
import io.newsflow.app.replay.ReplaySummary;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.pipeline.EnricherVersion;
import io.newsflow.enrich.rules.RuleSet;
import io.newsflow.enrich.streams.ArticleMapping;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.sink.ElasticsearchClients;
import io.newsflow.sink.index.IndexGenerations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow replay}: re-enriches {@code articles.raw} with the current enricher (its rules, lexicons and code)
 * while the live pipeline runs. The replay is a second Kafka Streams application of the same topology under its own
 * application id, {@code <enrich.applicationId>-replay-<time>}, so it reads {@code articles.raw} from the beginning
 * with its own offsets and dedup store, and writes new versions to {@code articles.clean}. By default they are indexed
 * into a new index generation that the alias switches to once it has caught up ({@link ReplayRun}); with
 * {@code --in-place}, or for a filtered replay, the live sink indexes them over the old versions. {@code --dry-run}
 * cleans a sample in-process and compares it with the indexed documents, writing nothing; {@code --drop-old} deletes
 * the generation a replay kept.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Re-enriches articles.raw (all, or filtered) with the current rules, lexicons and code while the"
                + " live pipeline runs, into a new index generation the alias switches to when it has caught up;"
                + " --dry-run shows what would change for a sample, writing nothing; --drop-old deletes the old"
                + " generation.")
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Option(names = "--since", paramLabel = "TIME", description = "Only articles fetched at or after TIME (ISO-8601,"
            + " e.g. 2025-03-01T10:00:00Z or 2025-03-01).")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only articles fetched before TIME (ISO-8601).")
    private String until;

    @Option(names = "--feed", paramLabel = "FEED", description = "Only articles of this feed (URL or name); repeatable.")
    private List<String> feeds = new ArrayList<>();

    @Option(names = "--site", paramLabel = "HOST", description = "Only articles of this site (host without www.);"
            + " repeatable.")
    private List<String> sites = new ArrayList<>();

    @Option(names = "--id", paramLabel = "ID", description = "Only the article with this id; repeatable.")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--dry-run", description = "Clean a sample in-process and print what would change; write nothing.")
    private boolean dryRun;

    @Option(names = "--in-place", description = "Re-index over the live index generation through the live sink"
            + " instead of building a new generation.")
    private boolean inPlace;

    @Option(names = "--drop-old", description = "Delete the old index generation an earlier replay kept (behind"
            + " <alias>-previous) and exit; replays nothing.")
    private boolean dropOld;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "200", description = "Articles a dry run looks at"
            + " (default: ${DEFAULT-VALUE}).")
    private int sample;

    @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "PT5S", hidden = true,
            description = "How often progress is printed (ISO-8601 duration).")
    private Duration progressEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplayFilter filter;
        try {
            filter = new ReplayFilter(
                    Optional.ofNullable(since).map(v -> ReplayFilter.parseTime("--since", v)),
                    Optional.ofNullable(until).map(v -> ReplayFilter.parseTime("--until", v)),
                    Set.copyOf(feeds), Set.copyOf(sites), Set.copyOf(ids));
            if (dropOld && (dryRun || inPlace || !filter.isEverything())) {
                throw new IllegalArgumentException("--drop-old: takes no other option, it only deletes the old"
                        + " generation");
            }
            if (sample < 1) {
                throw new IllegalArgumentException("--sample: must be at least 1, got " + sample);
            }
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        Optional<PipelineSettings> loaded = PipelineSettings.load(config, err, "replay: not starting, ");
        if (loaded.isEmpty()) {
            return 1;
        }
        PipelineSettings settings = loaded.get();
        if (dropOld) {
            return dropOld(settings, out);
        }
        RuleSet rules = EnrichService.loadRules(settings.enrich());
        EnricherVersion version = EnricherVersion.of(EnricherVersion.codeVersion(), rules.fingerprint());
        out.println("replay: enricher " + version + (filter.isEverything() ? ", every raw article" : ", filtered"));
        return dryRun ? dryRun(settings, rules, filter, version, out) : replay(settings, filter, out, err);
    }

    /** Cleans up to {@code --sample} raw articles in-process and compares them with the indexed documents. */
    private int dryRun(PipelineSettings settings, RuleSet rules, ReplayFilter filter, EnricherVersion version,
            PrintWriter out) throws Exception {
        ArticleCleaner cleaner = EnrichService.cleaner(settings.enrich(), rules);
        Map<String, CleanArticle> after = new LinkedHashMap<>();
        Set<String> rejected = new java.util.LinkedHashSet<>();
        try (AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
                KafkaConsumer<String, RawArticle> consumer = rawConsumer(settings, serde)) {
            RawReader.read(consumer, settings.topics().raw().name(), filter::test, sample, (key, raw) -> {
                String id = key != null ? key : raw.getId();
                switch (cleaner.clean(ArticleMapping.toInput(raw))) {
                    case CleanResult.Cleaned cleaned -> after.put(id,
                            ArticleMapping.toCleanArticle(raw, cleaned.article(), Instant.now(), version));
                    case CleanResult.Rejected r -> rejected.add(id);
                }
            });
        }
        ReplaySummary summary = new ReplaySummary();
        try (ElasticsearchClients clients = ElasticsearchClients.connect(settings.sink().elasticsearch())) {
            Map<String, JsonNode> before = documents(clients.blocking(), settings.sink().index().alias(),
                    new ArrayList<>(java.util.stream.Stream.concat(after.keySet().stream(), rejected.stream()).toList()));
            after.forEach((id, article) -> summary.add(outcome(id, before.get(id)), ReplaySummary.Outcome.of(article)));
            rejected.forEach(id -> summary.add(outcome(id, before.get(id)), null));
        }
        out.println("dry run over " + summary.seen() + " raw articles (nothing written):");
        out.print(summary.render());
        out.flush();
        return 0;
    }

    /** Runs the replay, into a new generation or in place, and prints its summary. */
    private int replay(PipelineSettings settings, ReplayFilter filter, PrintWriter out, PrintWriter err)
            throws Exception {
        ReplayRun run = new ReplayRun(new ReplayRun.Pipeline(settings.kafka(), settings.registry(), settings.topics(),
                settings.enrich(), settings.sink()), filter, out, progressEvery);
        boolean generation = !inPlace && filter.isEverything();
        if (!inPlace && !generation) {
            out.println("replay: a filtered replay re-enriches only part of articles.raw, so it runs in place (a new"
                    + " generation would lack the rest)");
        }
        ReplayRun.Result result;
        try {
            result = generation ? run.intoNewGeneration() : run.inPlace();
        } catch (ReplayRun.ReplayFailed e) {
            err.println("replay: failed: " + e.getMessage());
            return 1;
        }
        out.printf("replay: done; %d raw records re-enriched and re-indexed in %.1fs (%.0f/s)%n", result.rawRecords(),
                result.elapsed().toMillis() / 1000.0,
                result.rawRecords() / Math.max(0.001, result.elapsed().toMillis() / 1000.0));
        out.println("summary over " + result.summary().seen() + " indexed articles, before and after:");
        out.print(result.summary().render());
        out.flush();
        return 0;
    }

    private int dropOld(PipelineSettings settings, PrintWriter out) throws Exception {
        List<String> dropped = ReplayRun.dropOld(settings.sink());
        out.println(dropped.isEmpty() ? "replay: no old generation behind "
                + IndexGenerations.previousAlias(settings.sink().index().alias()) + " to drop"
                : "replay: deleted the old generation " + dropped);
        out.flush();
        return 0;
    }

    private static KafkaConsumer<String, RawArticle> rawConsumer(PipelineSettings settings, AvroSerde<RawArticle> serde) {
        serde.configure(settings.registry().serdeConfig(), false);
        Map<String, Object> config = settings.kafka().committedReaderConfig("newsflow-replay-dry-run");
        return new KafkaConsumer<>(config, new StringDeserializer(), serde.deserializer());
    }

    private static Map<String, JsonNode> documents(ElasticsearchClient client, String alias, List<String> ids)
            throws Exception {
        Map<String, JsonNode> docs = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 100));
            MgetResponse<JsonNode> response = client.mget(m -> m.index(alias).ids(batch), JsonNode.class);
            response.docs().forEach(d -> {
                if (d.isResult() && d.result().found()) {
                    docs.put(d.result().id(), d.result().source());
                }
            });
        }
        return docs;
    }

    private static ReplaySummary.Outcome outcome(String id, JsonNode doc) {
        return doc == null ? null : ReplaySummary.Outcome.ofDocument(id, doc);
    }
}
