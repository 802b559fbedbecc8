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
import io.newsflow.schemas.RecordSizes;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
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
        Clock clock = Clock.systemUTC();
        EnrichSettings.RegistryWait wait = settings.registryWait();
        EnvironmentFaults faults = new EnvironmentFaults(context.meters(), clock, quietPeriod(wait));
        RegistryBackoff backoff = new RegistryBackoff(wait.max(), wait.backoffMax(), faults);
        Map<String, Object> serdeConfig = registry.serdeConfig();
        AvroSerde<RawArticle> rawSerde = new AvroSerde<>(RawArticle.class);
        AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class);
        AvroSerde<DeadLetter> deadLetterSerde = new AvroSerde<>(DeadLetter.class);
        rawSerde.configure(serdeConfig, false);
        cleanSerde.configure(serdeConfig, false);
        deadLetterSerde.configure(serdeConfig, false);

        Map<String, Object> client = kafka.clientConfig();
        int maxRecordBytes = maxRequestSize(client);
        DeadLetterRouting deadLetters = new DeadLetterRouting(topics.deadLetters().name(),
                RegistryAwareSerdes.waitingToWrite(deadLetterSerde, backoff, Integer.MAX_VALUE).serializer(), metrics,
                clock, maxRecordBytes);
        Properties props = EnrichTopology.streamsConfig(settings.applicationId(), deadLetters, faults, wait.max());
        props.putAll(client);
        // One limit for the producer, the size check before it and the handlers (kafka.properties may lower it).
        props.remove(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());

        StreamsBuilder builder = new StreamsBuilder();
        EnrichTopology.build(builder, new EnrichTopology.Wiring(topics,
                RegistryAwareSerdes.waitingToRead(rawSerde, backoff),
                RegistryAwareSerdes.waitingToWrite(cleanSerde, backoff, maxRecordBytes),
                cleaner::clean, metrics, settings.dedupTtl(), clock, VERSION));
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.setUncaughtExceptionHandler(e -> {
            if (EnrichErrorHandler.classify(e) == EnrichErrorHandler.FailureClass.REGISTRY_UNAVAILABLE) {
                log.warn("stream thread handed its records back while the schema registry cannot be asked; replacing"
                        + " it, the new thread resumes from the committed offsets");
                metrics.threadReplaced("schema-registry");
            } else {
                log.error("stream thread failed ({}); replacing it", e.getClass().getName(), e);
                metrics.threadReplaced("error");
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(context.meters());
        context.health("enrich", () -> healthOf(streams.state(), faults.describe()));
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
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        log.info("enrich stopped");
    }

    /** UP while RUNNING, DEGRADED while starting, rebalancing or waiting out an environment fault, else DOWN. */
    static Health healthOf(KafkaStreams.State state, Optional<String> fault) {
        return switch (state) {
            case RUNNING -> fault.map(f -> Health.degraded(state.name() + ", waiting: " + f))
                    .orElseGet(() -> Health.up(state.name()));
            case REBALANCING, CREATED -> Health.degraded(state.name() + fault.map(f -> ", waiting: " + f).orElse(""));
            default -> Health.down(state.name());
        };
    }

    /** A fault not seen again for this long is over (Kafka's producer reports failures, never recoveries). */
    static Duration quietPeriod(EnrichSettings.RegistryWait wait) {
        Duration twice = wait.max().multipliedBy(2);
        return twice.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : twice;
    }

    /** The producer's {@code max.request.size}: {@link RecordSizes#MAX_RECORD_BYTES} unless kafka.properties sets it. */
    static int maxRequestSize(Map<String, Object> client) {
        Object value = client.getOrDefault(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                client.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordSizes.MAX_RECORD_BYTES));
        return Integer.parseInt(value.toString());
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
