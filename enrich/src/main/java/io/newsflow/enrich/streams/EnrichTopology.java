package io.newsflow.enrich.streams;

import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.RawArticle;
import io.newsflow.enrich.core.ArticleInput;
import io.newsflow.enrich.core.CleanResult;
import io.newsflow.schemas.RecordSizes;
import io.newsflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code articles.raw} -> clean -> {@code articles.clean}; failures to {@code articles.dlq} through
 * {@link EnrichErrorHandler}. Built by {@link #build}, which the app and the tests share, with a name on every
 * node and on the dedup store (whose changelog is the one internal topic).
 */
public final class EnrichTopology {
    public static final String SOURCE = "raw-articles";
    public static final String PROCESSOR = "enrich-article";
    public static final String DEDUP_STORE = "enrich-dedup";
    public static final String SINK = "clean-articles";

    private EnrichTopology() {}

    /**
     * What the topology needs; serdes are configured by the caller.
     *
     * @param cleaner the cleaning core, normally {@code ArticleCleaner::clean}
     */
    public record Wiring(
            Topics topics,
            Serde<RawArticle> rawSerde,
            Serde<CleanArticle> cleanSerde,
            Function<ArticleInput, CleanResult> cleaner,
            EnrichMetrics metrics,
            Duration dedupTtl,
            Clock clock,
            String enricherVersion) {
        public Wiring {
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(rawSerde, "rawSerde");
            Objects.requireNonNull(cleanSerde, "cleanSerde");
            Objects.requireNonNull(cleaner, "cleaner");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(clock, "clock");
            if (dedupTtl == null || dedupTtl.isNegative() || dedupTtl.isZero()) {
                throw new IllegalArgumentException("dedupTtl must be positive, got " + dedupTtl);
            }
        }
    }

    public static void build(StreamsBuilder builder, Wiring wiring) {
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(DEDUP_STORE), Serdes.String(), Serdes.String()));
        builder.stream(wiring.topics().raw().name(), Consumed.with(Serdes.String(), wiring.rawSerde()).withName(SOURCE))
                .process(() -> new EnrichProcessor(wiring.cleaner(), wiring.metrics(), wiring.clock(),
                                wiring.dedupTtl(), DEDUP_STORE, wiring.enricherVersion()),
                        Named.as(PROCESSOR), DEDUP_STORE)
                .to(wiring.topics().clean().name(), Produced.with(Serdes.String(), wiring.cleanSerde()).withName(SINK));
    }

    /**
     * The Streams settings every deployment of the topology needs: exactly-once, the error handlers with their
     * dead-letter routing and fault tracking, and the record size limit and compression of {@link RecordSizes}.
     * Callers add bootstrap servers, state dir and threads.
     *
     * @param registryWaitMax the longest a stream thread waits for the registry in one go: the transaction timeout
     *     is set above twice that, so a transaction is never aborted by the broker while a thread waits
     */
    public static Properties streamsConfig(String applicationId, DeadLetterRouting deadLetters,
            EnvironmentFaults faults, Duration registryWaitMax) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, EnrichErrorHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, EnrichErrorHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, EnrichErrorHandler.class);
        props.putAll(RecordSizes.producerConfigs());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) transactionTimeout(registryWaitMax).toMillis());
        props.put(EnrichErrorHandler.FAULTS_CONFIG_KEY, faults);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
        props.put(DeadLetterRouting.CONFIG_KEY, deadLetters);
        return props;
    }

    /** Twice the longest registry wait plus 10 s: Kafka Streams' own default under exactly-once is 10 s. */
    static Duration transactionTimeout(Duration registryWaitMax) {
        return registryWaitMax.multipliedBy(2).plusSeconds(10);
    }
}
