package io.newsflow.enrich.health;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SourceHealth;
import io.newsflow.schemas.Topics;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code articles.clean} -> per source, hourly counts and a state -> {@code sources.health} (a transition per
 * change of state). Articles are re-keyed by source through one repartition topic carrying only the small
 * {@link Observation}; both stores have changelogs, and the app runs exactly-once, so a restart neither loses counts
 * nor publishes a transition twice.
 */
public final class HealthTopology {
    public static final String SOURCE = "clean-articles";
    public static final String REPARTITION = "health-by-source";
    public static final String PROCESSOR = "source-health";
    public static final String BUCKETS_STORE = "health-hourly-counts";
    public static final String STATUS_STORE = "health-status";
    public static final String SINK = "source-health-events";
    /** Buckets are kept for the largest window plus an hour of lateness. */
    static final Duration RETENTION = HealthRule.WEEK.plus(HealthRule.HOUR);

    private HealthTopology() {}

    /** What the topology needs; the clean and health serdes are configured by the caller. */
    public record Wiring(Topics topics, Serde<CleanArticle> cleanSerde, Serde<SourceHealth> healthSerde, HealthRule rule,
            HealthMetrics metrics) {
        public Wiring {
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(cleanSerde, "cleanSerde");
            Objects.requireNonNull(healthSerde, "healthSerde");
            Objects.requireNonNull(rule, "rule");
        }
    }

    public static void build(StreamsBuilder builder, Wiring wiring) {
        // In memory, with changelogs: the state is small (a status and at most 169 hourly buckets per source) and
        // comes back from the changelogs after a restart; RocksDB's instances, memtables and compaction threads
        // would cost the enricher beside it more than the state is worth (BENCHMARKS.md, source health).
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(BUCKETS_STORE, RETENTION, HealthRule.HOUR, false),
                Serdes.String(), new JsonSerde<>(Counts.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STATUS_STORE), Serdes.String(), new JsonSerde<>(SourceStatus.class)));
        int samples = wiring.rule().maxSamples();
        builder.stream(wiring.topics().clean().name(), Consumed.with(Serdes.String(), wiring.cleanSerde())
                        .withTimestampExtractor(new ArticleTime()).withName(SOURCE))
                .filter((id, article) -> article != null, Named.as("readable-articles"))
                .map((id, article) -> KeyValue.pair(Observation.sourceOf(article),
                        Observation.of(article, samples)), Named.as("by-source"))
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(Observation.class)).withName(REPARTITION))
                .process(() -> new HealthProcessor(wiring.rule(), wiring.metrics()), Named.as(PROCESSOR), BUCKETS_STORE, STATUS_STORE)
                .to(wiring.topics().health().name(), Produced.with(Serdes.String(), wiring.healthSerde()).withName(SINK));
    }

    /** Exactly-once and the error handler; callers add bootstrap servers, state dir and commit interval. */
    public static Properties streamsConfig(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, HealthErrorHandler.class);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
        // Fewer, fuller fetches of what the enricher commits every 100 ms: at most half a second more latency.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 256 * 1024);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 500);
        return props;
    }
}
