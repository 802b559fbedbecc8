package io.newsflow.enrich.streams;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.ops.Health;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.core.spam.SpamRules;
import io.newsflow.enrich.statements.Lexicons;
import io.newsflow.enrich.statements.StatementTagger;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running enricher: builds the cleaner once, wires {@link EnrichTopology} with the registry serdes and starts
 * Kafka Streams; {@link #close()} stops it cleanly (commits, closes stores). Only wiring lives here.
 */
public final class EnrichService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrichService.class);
    private static final String VERSION = versionOf(EnrichService.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;

    private EnrichService(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
    }

    /** Builds and starts the app; meters and a health check go to the service context. */
    public static EnrichService start(EnrichSettings settings, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, ServiceContext context) {
        ArticleCleaner cleaner = new ArticleCleaner(
                SpamRules.withUserFile(settings.spamRules().orElse(null)),
                new LanguageGuesser(settings.languages(), !settings.preciseLanguage()),
                StatementTagger.load(Lexicons.defaultsWith(settings.lexicons().toArray(Path[]::new))),
                settings.minWords(), settings.limits());
        EnrichMetrics metrics = new EnrichMetrics(context.meters());
        Map<String, Object> serdeConfig = registry.serdeConfig();
        AvroSerde<RawArticle> rawSerde = new AvroSerde<>(RawArticle.class);
        AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class);
        AvroSerde<DeadLetter> deadLetterSerde = new AvroSerde<>(DeadLetter.class);
        rawSerde.configure(serdeConfig, false);
        cleanSerde.configure(serdeConfig, false);
        deadLetterSerde.configure(serdeConfig, false);

        Clock clock = Clock.systemUTC();
        StreamsBuilder builder = new StreamsBuilder();
        EnrichTopology.build(builder, new EnrichTopology.Wiring(topics, rawSerde, cleanSerde, cleaner::clean, metrics,
                settings.dedupTtl(), clock, VERSION));
        Properties props = EnrichTopology.streamsConfig(settings.applicationId(),
                new DeadLetterRouting(topics.deadLetters().name(), deadLetterSerde.serializer(), metrics, clock));
        props.putAll(kafka.clientConfig());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());

        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed ({}); replacing it", e.getClass().getName(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(context.meters());
        context.health("enrich", () -> healthOf(streams.state()));
        streams.start();
        log.info("enrich started: {} -> {} (dead letters to {}), application id {}", topics.raw().name(),
                topics.clean().name(), topics.deadLetters().name(), settings.applicationId());
        return new EnrichService(streams, streamsMetrics);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(java.time.Duration.ofSeconds(30));
        streamsMetrics.close();
        log.info("enrich stopped");
    }

    private static Health healthOf(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> Health.up(state.name());
            case REBALANCING, CREATED -> Health.degraded(state.name());
            default -> Health.down(state.name());
        };
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
