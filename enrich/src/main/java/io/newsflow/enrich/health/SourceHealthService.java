package io.newsflow.enrich.health;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SourceHealth;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.ops.Health;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running source-health app: its own Kafka Streams instance (own application id, one thread) in the
 * {@code enrich} service, so it scales with enrich. Adds {@code GET /sources/<source>} (and {@code GET /sources})
 * to the service's ops endpoint: the current state of a source from the local state store.
 */
public final class SourceHealthService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceHealthService.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AvroSerde<CleanArticle> cleanSerde;
    private final AvroSerde<SourceHealth> healthSerde;

    private SourceHealthService(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics,
            AvroSerde<CleanArticle> cleanSerde, AvroSerde<SourceHealth> healthSerde) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.cleanSerde = cleanSerde;
        this.healthSerde = healthSerde;
    }

    /**
     * Builds and starts the app.
     *
     * @param stateDir the enricher's state dir (the app's stores go under its own application id there)
     */
    public static SourceHealthService start(HealthSettings settings, Path stateDir, KafkaSettings kafka,
            RegistrySettings registry, Topics topics, ServiceContext context) {
        AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class);
        AvroSerde<SourceHealth> healthSerde = new AvroSerde<>(SourceHealth.class);
        cleanSerde.configure(registry.serdeConfig(), false);
        healthSerde.configure(registry.serdeConfig(), false);
        StreamsBuilder builder = new StreamsBuilder();
        HealthTopology.build(builder, new HealthTopology.Wiring(topics, cleanSerde, healthSerde, settings.rule(),
                new HealthMetrics(context.meters())));
        Properties props = HealthTopology.streamsConfig(settings.applicationId());
        props.putAll(kafka.clientConfig());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        props.put(StreamsConfig.CLIENT_ID_CONFIG, settings.applicationId());

        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("source-health stream thread failed ({}); replacing it", e.getClass().getName(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(context.meters());
        SourceHealthService service = new SourceHealthService(streams, streamsMetrics, cleanSerde, healthSerde);
        context.health("source-health", () -> healthOf(streams.state()));
        context.lookup("sources", service::lookup);
        streams.start();
        log.info("source health started: {} -> {}, application id {}", topics.clean().name(), topics.health().name(),
                settings.applicationId());
        return service;
    }

    /** The current status of one source ({@code ""}: of every source this instance holds), from the local store. */
    Optional<?> lookup(String source) {
        ReadOnlyKeyValueStore<String, SourceStatus> store;
        try {
            store = streams.store(StoreQueryParameters.fromNameAndType(HealthTopology.STATUS_STORE,
                    QueryableStoreTypes.<String, SourceStatus>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new IllegalStateException("source-health store not queryable yet (" + streams.state() + ")", e);
        }
        if (!source.isEmpty()) {
            return Optional.ofNullable(store.get(source)).map(status -> view(source, status));
        }
        List<Map<String, Object>> all = new ArrayList<>();
        try (KeyValueIterator<String, SourceStatus> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, SourceStatus> entry = entries.next();
                all.add(view(entry.key, entry.value));
            }
        }
        return Optional.of(all);
    }

    static Map<String, Object> view(String source, SourceStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", source);
        view.put("state", status.state().name());
        view.put("since", Instant.ofEpochMilli(status.since()).toString());
        view.put("lastSpamAt", status.lastSpamAt() == null ? null
                : Instant.ofEpochMilli(status.lastSpamAt()).toString());
        view.put("firstSpamArticleId", status.episode() == null ? null : status.episode().articleId());
        view.put("firstSpamUrl", status.episode() == null ? null : status.episode().url());
        view.put("samples", status.samples());
        return view;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        cleanSerde.close();
        healthSerde.close();
        log.info("source health stopped");
    }

    private static Health healthOf(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> Health.up(state.name());
            case REBALANCING, CREATED -> Health.degraded(state.name());
            default -> Health.down(state.name());
        };
    }
}
