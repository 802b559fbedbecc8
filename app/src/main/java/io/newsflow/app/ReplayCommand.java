package io.newsflow.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.app.replay.RawReader;
import io.newsflow.app.replay.ReplayFilter;
import io.newsflow.app.replay.ReplayProgress;
import io.newsflow.app.replay.ReplaySummary;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.pipeline.EnricherVersion;
import io.newsflow.enrich.rules.RuleSet;
import io.newsflow.enrich.streams.ArticleMapping;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.sink.ElasticsearchClients;
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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
 * with its own offsets and dedup store; it writes new versions to {@code articles.clean}, where the live sink indexes
 * them in place (a newer enrichment wins by its external version, so search never answers less). {@code --dry-run}
 * cleans a sample in-process and compares it with the indexed documents, writing nothing.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Re-enriches articles.raw (all, or filtered) with the current rules, lexicons and code while the"
                + " live pipeline runs; --dry-run shows what would change for a sample, writing nothing.")
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

    /** Runs the replay's enricher until it has read every raw record that was there when it started. */
    private int replay(PipelineSettings settings, ReplayFilter filter, PrintWriter out, PrintWriter err)
            throws Exception {
        String applicationId = settings.enrich().applicationId() + "-replay-" + Instant.now().getEpochSecond();
        EnrichSettings replaySettings = settings.enrich().withApplicationId(applicationId,
                settings.enrich().stateDir().resolveSibling(applicationId));
        String topic = settings.topics().raw().name();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MeterRegistry meters = new SimpleMeterRegistry();
        try (Admin admin = Admin.create(settings.kafka().clientConfig())) {
            Map<TopicPartition, Long> end = endOffsets(admin, topic);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            out.println("replay: application id " + applicationId + ", " + total + " raw records to read");
            out.flush();
            long started = System.nanoTime();
            try (EnrichService service = EnrichService.start(replaySettings, settings.kafka(), settings.registry(),
                    settings.topics(), context(meters, failure), filter::test)) {
                while (true) {
                    if (failure.get() != null) {
                        err.println("replay: failed: " + failure.get().getMessage());
                        return 1;
                    }
                    long done = committed(admin, applicationId, end);
                    ReplayProgress progress = new ReplayProgress(done, total,
                            Duration.ofNanos(System.nanoTime() - started));
                    out.println("replay: " + progress.render());
                    out.flush();
                    if (done >= total) {
                        break;
                    }
                    Thread.sleep(progressEvery.toMillis()); // a progress line's period, not a wait for a condition
                }
            }
        }
        Counter written = meters.find("newsflow.enrich.articles.out").counter();
        double cleaned = written == null ? 0 : written.count();
        out.printf("replay: done; %.0f clean articles written to %s (the live sink indexes them; versions order them)%n",
                cleaned, settings.topics().clean().name());
        meters.find("newsflow.enrich.spam.removed").counters().forEach(c -> out.printf("  spam lines by %s: %.0f%n",
                c.getId().getTag("rule"), c.count()));
        out.flush();
        return 0;
    }

    private static ServiceContext context(MeterRegistry meters, AtomicReference<Throwable> failure) {
        return ServiceContext.unserved(meters, (reason, cause) ->
                failure.compareAndSet(null, cause == null ? new IllegalStateException(reason) : cause));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        description.partitions().forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** Records the replay has committed, partition by partition, capped at the end offsets it started with. */
    private static long committed(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long done = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata offset = offsets.get(e.getKey());
            done += offset == null ? 0 : Math.min(offset.offset(), e.getValue());
        }
        return done;
    }

    private static KafkaConsumer<String, RawArticle> rawConsumer(PipelineSettings settings, AvroSerde<RawArticle> serde) {
        serde.configure(settings.registry().serdeConfig(), false);
        Map<String, Object> config = settings.kafka().clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-replay-dry-run");
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
