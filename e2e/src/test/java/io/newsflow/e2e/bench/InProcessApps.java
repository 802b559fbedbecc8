package io.newsflow.e2e.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.enrich.health.HealthSettings;
import io.newsflow.enrich.health.SourceHealthService;
import io.newsflow.enrich.streams.EnrichService;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.awaitility.Awaitility;

/**
 * The Kafka Streams apps the throughput comparison runs in this JVM, each with a count of the records it has
 * processed: the enrich app exactly as {@code newsflow enrich} wires it ({@link EnrichService} from the same
 * configuration file), and a pass-through app over the same topic with the same serdes.
 */
final class InProcessApps {
    private InProcessApps() {}

    /** Where the stream thread spends its time (Kafka Streams' thread metrics): process, commit, poll. */
    static final List<String> RATIOS = List.of("process-ratio", "commit-ratio", "poll-ratio");

    /** A running app, how many records it has processed so far, and its stream thread's time ratios. */
    interface RunningApp extends AutoCloseable {
        long processed();

        /** Each of {@link #RATIOS}: the fraction of the thread's recent time, summed over the app's threads. */
        Map<String, Double> threadRatios();

        @Override
        void close();
    }

    /**
     * {@link EnrichService} started from this run's {@code enrich.yml}: the real wiring (cleaner, dedup store,
     * dead letters, registry serdes); {@code kafka.properties} of the config may override the guarantee.
     */
    static RunningApp enrich(PipelineConfig config) {
        Bound bound = Bound.from(config);
        MeterRegistry meters = new SimpleMeterRegistry();
        EnrichService service = EnrichService.start(bound.enrich(), bound.kafka(), bound.registry(), bound.topics(),
                ServiceContext.unserved(meters));
        Counter out = meters.get("newsflow.enrich.articles.out").counter();
        // the same thread metrics as the pass-through app's, through the service's Micrometer binding
        return running(() -> (long) out.count(), () -> threadRatios(meters), service);
    }

    /** The settings of this run's {@code enrich.yml}, bound as {@code newsflow enrich} binds them. */
    private record Bound(EnrichSettings enrich, HealthSettings health, KafkaSettings kafka, RegistrySettings registry,
            Topics topics) {
        static Bound from(PipelineConfig config) {
            ConfigSource source = ConfigSource.load(config.write("enrich"), Map.of());
            Bound bound = new Bound(EnrichSettings.from(source.root()), HealthSettings.from(source.root()),
                    KafkaSettings.from(source.root()), RegistrySettings.from(source.root()),
                    TopicSettings.from(source.root()));
            source.throwIfInvalid();
            return bound;
        }

        SourceHealthService startHealth(ServiceContext context) {
            return SourceHealthService.start(health, enrich.stateDir(), kafka, registry, topics, context);
        }
    }

    /**
     * {@link EnrichService} and {@link SourceHealthService} side by side, as the {@code enrich} service runs them
     * (the health app reads what the enricher writes); processed counts the enricher's output, so the rate compares
     * with {@link #enrich}'s. The health app is started first and left to reach RUNNING (its internal topics made,
     * its stores open), so its one-time start-up does not fall inside the enricher's measured run: in production it
     * starts once and then runs beside the enricher for days.
     */
    static RunningApp enrichWithHealth(PipelineConfig config) {
        Bound bound = Bound.from(config);
        MeterRegistry meters = new SimpleMeterRegistry();
        ServiceContext context = ServiceContext.unserved(meters);
        SourceHealthService healthService = bound.startHealth(context);
        Awaitility.await("the source-health app running").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> healthService.state() == KafkaStreams.State.RUNNING);
        EnrichService service = EnrichService.start(bound.enrich(), bound.kafka(), bound.registry(), bound.topics(),
                context);
        Counter out = meters.get("newsflow.enrich.articles.out").counter();
        return running(() -> (long) out.count(), () -> threadRatios(meters), () -> {
            try (service) {
                healthService.close();
            }
        });
    }

    /** The source-health app alone on {@code config}'s clean topic; processed counts the articles it observed. */
    static RunningApp health(PipelineConfig config) {
        MeterRegistry meters = new SimpleMeterRegistry();
        SourceHealthService service = Bound.from(config).startHealth(ServiceContext.unserved(meters));
        Counter observed = meters.get("newsflow.health.articles").counter();
        return running(() -> (long) observed.count(), () -> threadRatios(meters), service);
    }

    private static Map<String, Double> threadRatios(MeterRegistry meters) {
        return RATIOS.stream().collect(Collectors.toMap(ratio -> ratio, ratio -> meters.getMeters().stream()
                .filter(meter -> meter.getId().getName().equals("kafka.stream.thread." + ratio.replace('-', '.')))
                .mapToDouble(meter -> meter.measure().iterator().next().getValue())
                .sum()));
    }

    /**
     * Raw articles in, the same raw articles out: {@code mapValues(identity)} between the contract's Avro serdes,
     * exactly-once v2, one stream thread, Streams' default commit interval, as the enrich app.
     */
    static RunningApp passThrough(String bootstrapServers, String registryUrl, String applicationId,
            String stateDir, String rawTopic, String outputTopic) {
        AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        AtomicLong processed = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(rawTopic, Consumed.with(Serdes.String(), serde))
                .mapValues(value -> {
                    processed.incrementAndGet();
                    return value;
                })
                .to(outputTopic, Produced.with(Serdes.String(), serde));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.start();
        return running(processed::get, () -> RATIOS.stream().collect(Collectors.toMap(ratio -> ratio,
                ratio -> streams.metrics().values().stream()
                        .filter(metric -> metric.metricName().group().equals("stream-thread-metrics")
                                && metric.metricName().name().equals(ratio))
                        .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue())
                        .sum())), () -> {
            streams.close(Duration.ofSeconds(30));
            serde.close();
        });
    }

    private static RunningApp running(LongSupplier processed, Supplier<Map<String, Double>> ratios,
            AutoCloseable app) {
        return new RunningApp() {
            @Override
            public long processed() {
                return processed.getAsLong();
            }

            @Override
            public Map<String, Double> threadRatios() {
                return ratios.get();
            }

            @Override
            public void close() {
                try {
                    app.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the app failed", e);
                }
            }
        };
    }
}
