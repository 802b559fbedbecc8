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
import io.newsflow.enrich.pipeline.EnricherVersion;
import io.newsflow.enrich.rules.RuleSet;
import io.newsflow.enrich.statements.StatementTagger;
import io.newsflow.schemas.RecordSizes;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running enricher: builds the cleaner (rebuilt when a user rule file changes, {@link ReloadingCleaner}), wires
 * {@link EnrichTopology} with the registry serdes and starts Kafka Streams; {@link #close()} stops it cleanly
 * (commits, closes stores). Only wiring lives here.
 */
public final class EnrichService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrichService.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final ReloadingCleaner cleaner;

    private EnrichService(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, ReloadingCleaner cleaner) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.cleaner = cleaner;
    }

    /** Builds and starts the app; meters and a health check go to the service context. */
    public static EnrichService start(EnrichSettings settings, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, ServiceContext context) {
        return start(settings, kafka, registry, topics, context, null);
    }

    /** The cleaner these settings describe, on the given rules: languages, word minimum and input bounds. */
    public static ArticleCleaner cleaner(EnrichSettings settings, RuleSet rules) {
        return new ArticleCleaner(rules.spamRules(),
                new LanguageGuesser(settings.languages(), !settings.preciseLanguage()),
                StatementTagger.load(rules.lexicons()), settings.minWords(), settings.limits());
    }

    /** The rules these settings load now: the built-in ones with the user's files laid over them. */
    public static RuleSet loadRules(EnrichSettings settings) {
        return RuleSet.load(new RuleSet.UserFiles(settings.rules(), settings.lexicons()));
    }

    /**
     * Builds and starts the app re-enriching only what {@code select} accepts (a replay, under its own application
     * id); null selects every record.
     */
    public static EnrichService start(EnrichSettings settings, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, ServiceContext context, BiPredicate<String, RawArticle> select) {
        ReloadingCleaner cleaner = ReloadingCleaner.start(new RuleSet.UserFiles(settings.rules(), settings.lexicons()),
                rules -> cleaner(settings, rules), settings.rulesCheckInterval(), context.meters());
        String code = EnricherVersion.codeVersion();
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
                cleaner::clean, metrics, settings.dedupTtl(), clock, () -> EnricherVersion.of(code, cleaner.fingerprint())),
                select);
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
        context.health("enrich-rules", cleaner::health);
        streams.start();
        log.info("enrich started: {} -> {} (dead letters to {}), application id {}, enricher {}", topics.raw().name(),
                topics.clean().name(), topics.deadLetters().name(), settings.applicationId(),
                EnricherVersion.of(code, cleaner.fingerprint()));
        return new EnrichService(streams, streamsMetrics, cleaner);
    }

    /** The rules in force and the cleaner built on them; {@code rules().fingerprint()} names the rule set. */
    public ReloadingCleaner.Active rules() {
        return cleaner.active();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        cleaner.close();
        log.info("enrich stopped");
    }

    /**
     * Closes the app for good (a finished replay): its members leave the group at once, so the group can be deleted
     * next, and its local state is deleted.
     */
    public void closeForGood() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        streamsMetrics.close();
        cleaner.close();
        streams.cleanUp();
        log.info("enrich stopped, left its group, local state deleted");
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

    /** The enricher version of these settings: this build's code and the fingerprint of the rules they load now. */
    public static EnricherVersion enricherVersion(EnrichSettings settings) {
        return EnricherVersion.of(EnricherVersion.codeVersion(), loadRules(settings).fingerprint());
    }
}
