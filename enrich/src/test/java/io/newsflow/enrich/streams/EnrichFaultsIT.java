package io.newsflow.enrich.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.ops.Health;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.common.service.UnservedContext;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.schemas.DeadLetterHeaders;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.registry.HttpSchemaRegistryClient;
import io.newsflow.schemas.registry.RegistryClientSettings;
import io.newsflow.schemas.registry.SchemaRegistryClient;
import io.newsflow.schemas.registry.SchemaRegistryClients;
import io.newsflow.schemas.registry.SchemaRegistryException;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.schemas.serde.WireFormat;
import io.newsflow.stack.Server;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.SharedFolder;
import io.newsflow.stack.junit.StackClients;
import io.newsflow.stack.junit.StackExtension;
import io.newsflow.stack.junit.StackServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Environment faults against the real broker and registry: nothing is dead-lettered that was not the record's fault. */
@ExtendWith(StackExtension.class)
@StackServers({Server.KAFKA, Server.REGISTRY})
class EnrichFaultsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int ARTICLES = 20;

    @Test
    void shouldCleanEveryArticleExactlyOnceAndDeadLetterNoneWhenTheRegistryIsStoppedAndComesBack(Stack stack,
            StackEndpoints endpoints) throws Exception {
        Topics topics = Run.topics();
        String seed = Files.readString(SharedFolder.path("samples/geneva-talks.id.txt"));
        List<byte[]> values = new ArrayList<>();
        Map<Integer, Schema> registered;
        try (AvroSerde<RawArticle> writer = serde(RawArticle.class, endpoints)) {
            for (int i = 0; i < ARTICLES; i++) {
                values.add(writer.serializer().serialize(topics.raw().name(),
                        RawArticles.text("a" + i, seed.replace("tujuh jam", i + " jam"))));
            }
            registered = snapshot(endpoints, WireFormat.schemaId(values.getFirst(), topics.raw().name(), false));
        }

        UnservedContext context = ServiceContext.unserved(new SimpleMeterRegistry());
        URI registryUrl = URI.create(endpoints.registryUrl());
        try (GatedProxy proxy = new GatedProxy(registryUrl)) {
            // The enricher reaches the registry through a proxy, so that the test can keep it away while it puts
            // the schemas back into a restarted in-memory registry (see restore).
            Run run = new Run(topics, endpoints, Map.of(), proxy.url(registryUrl));
            // the source topic must exist when Kafka Streams starts; here no record is written before it does
            StackClients.createTopics(endpoints, topics.all().stream().map(t -> t.name()).toList());
            try (EnrichService service = EnrichService.start(run.settings, run.kafka, run.registry, run.topics, context);
                    KafkaProducer<String, byte[]> producer = StackClients.byteProducer(endpoints);
                    KafkaConsumer<String, byte[]> consumer = StackClients.committedReader(endpoints,
                            run.topics.clean().name(), run.topics.deadLetters().name())) {
                await().atMost(PATIENCE).until(() -> enricherHealth(context).status() == Health.Status.UP);
                stack.stop(Server.REGISTRY);
                try {
                    for (int i = 0; i < ARTICLES; i++) {
                        producer.send(new ProducerRecord<>(run.topics.raw().name(), "a" + i, values.get(i))).get();
                    }
                    // The enricher has never read this schema id: it waits, hands the records back, waits again.
                    await().atMost(PATIENCE).untilAsserted(() -> {
                        assertThat(counter(context, "newsflow.enrich.stream.threads.replaced", "schema-registry"))
                                .isGreaterThanOrEqualTo(1);
                        assertThat(enricherHealth(context).status()).isEqualTo(Health.Status.DEGRADED);
                        assertThat(enricherHealth(context).detail()).contains("schema registry cannot be asked");
                    });
                    assertThat(run.drain(consumer)).as("nothing cleaned or dead-lettered while the registry is down")
                            .isZero();
                    proxy.shut();
                } finally {
                    stack.start(Server.REGISTRY);
                }
                restore(endpoints, registered);
                proxy.pass();

                await().atMost(PATIENCE).until(() -> {
                    run.drain(consumer);
                    return run.cleaned.size() >= ARTICLES;
                });
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> run.drain(consumer) == 0);
                assertThat(run.cleaned).extracting(CleanArticle::getId).hasSize(ARTICLES).doesNotHaveDuplicates();
                assertThat(run.deadLetters).isEmpty();
                assertThat(counter(context, "newsflow.enrich.environment.faults", "schema-registry")).isPositive();
                await().atMost(PATIENCE).until(() -> enricherHealth(context).status() == Health.Status.UP);
            }
        }
    }

    @Test
    void shouldDeadLetterAnOversizedCleanArticleOnceWithItsSizeAndLocationAndGoOn(StackEndpoints endpoints)
            throws Exception {
        int limit = 200_000;
        Run run = new Run(Run.topics(), endpoints, Map.of("max.request.size", Integer.toString(limit)),
                endpoints.registryUrl());
        String seed = Files.readString(SharedFolder.path("samples/geneva-talks.id.txt"));
        String huge = seed + ("\n\nPara diplomat bertemu lagi di Jenewa pada hari Selasa untuk membahas keamanan"
                + " kawasan dan jalan keluar dari krisis yang berkepanjangan.").repeat(2500);
        UnservedContext context = ServiceContext.unserved(new SimpleMeterRegistry());
        try (AvroSerde<RawArticle> writer = serde(RawArticle.class, endpoints);
                KafkaProducer<String, byte[]> producer = StackClients.byteProducer(endpoints);
                KafkaConsumer<String, byte[]> consumer = StackClients.committedReader(endpoints,
                        run.topics.clean().name(), run.topics.deadLetters().name())) {
            String raw = run.topics.raw().name();
            byte[] big = writer.serializer().serialize(raw, RawArticles.text("big", huge));
            var bigAt = producer.send(new ProducerRecord<>(raw, 0, "big", big)).get();
            producer.send(new ProducerRecord<>(raw, 0, "a2",
                    writer.serializer().serialize(raw, RawArticles.text("a2", seed)))).get();

            try (EnrichService service = EnrichService.start(run.settings, run.kafka, run.registry, run.topics,
                    context)) {
                await().atMost(PATIENCE).until(() -> {
                    run.drain(consumer);
                    return !run.cleaned.isEmpty();
                });
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> run.drain(consumer) == 0);
            }
            assertThat(run.cleaned).extracting(CleanArticle::getId).containsExactly("a2");
            assertThat(run.deadLetters).hasSize(1);
            DeadLetter letter = run.deadLetters.getFirst();
            assertThat(letter.getReason()).isEqualTo(FailureReason.TOO_LARGE);
            assertThat(letter.getSourceTopic()).isEqualTo(raw);
            assertThat(letter.getSourcePartition()).isEqualTo(0);
            assertThat(letter.getSourceOffset()).isEqualTo(bigAt.offset());
            assertThat(letter.getMessage()).contains(run.topics.clean().name(), "over the limit of " + limit);
            assertThat(run.originalSizes).containsExactly(Integer.toString(big.length));
            assertThat(letter.getOriginalValue().remaining()).isPositive().isLessThan(big.length);
            assertThat(context.meters().find("newsflow.enrich.stream.threads.replaced").counters())
                    .as("the oversized record never failed a stream thread").isEmpty();
        }
    }

    /** Every schema the registry holds up to {@code lastId}, by id: an in-memory registry forgets them on restart. */
    private static Map<Integer, Schema> snapshot(StackEndpoints endpoints, int lastId) {
        Map<Integer, Schema> schemas = new LinkedHashMap<>();
        SchemaRegistryClient client = SchemaRegistryClients.open(RegistryClientSettings.of(endpoints.registryUrl()));
        for (int id = 1; id <= lastId; id++) {
            try {
                schemas.put(id, client.schemaById(id));
            } catch (SchemaRegistryException e) {
                // not every number is an id
            }
        }
        return schemas;
    }

    /**
     * Brings the schema ids back after a restart. The local stack's Apicurio keeps schemas in memory (a persistent,
     * Kafka-backed store is on its way): registering the same schemas in id order into the emptied registry gives
     * them the same ids again. With a persistent registry the ids are still there and nothing is registered.
     */
    private static void restore(StackEndpoints endpoints, Map<Integer, Schema> schemas) {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryClientSettings.of(endpoints.registryUrl()));
        int rawId = schemas.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        AtomicReference<Boolean> known = new AtomicReference<>();
        await().atMost(PATIENCE).ignoreExceptionsMatching(e -> e instanceof SchemaRegistryException s && s.isUnavailable())
                .until(() -> {
                    known.set(knows(client, rawId));
                    return true;
                });
        if (!known.get()) {
            schemas.forEach((id, schema) -> client.register("it-restore-" + id, schema));
        }
        assertThat(client.schemaById(rawId)).as("schema id %d resolves after the restart", rawId)
                .isEqualTo(schemas.get(rawId));
    }

    private static boolean knows(SchemaRegistryClient client, int id) {
        try {
            client.schemaById(id);
            return true;
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** The topics, settings and what came out of one test. */
    private static final class Run {
        final Topics topics;
        final EnrichSettings settings;
        final KafkaSettings kafka;
        final RegistrySettings registry;
        final List<CleanArticle> cleaned = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<String> originalSizes = new ArrayList<>();
        private final AvroSerde<CleanArticle> cleanSerde;
        private final AvroSerde<DeadLetter> deadLetterSerde;

        Run(Topics topics, StackEndpoints endpoints, Map<String, String> kafkaProperties, String enricherRegistryUrl) {
            this.topics = topics;
            String id = topics.raw().name().substring("it.raw.".length());
            settings = new EnrichSettings("it-enrich-faults-" + id, Path.of("target", "it-state", id),
                    Duration.ofDays(1), 1, EnrichSettings.DEFAULT_COMMIT_INTERVAL, 25, List.of(), List.of(), Duration.ZERO,
                    LanguageGuesser.DEFAULT_CANDIDATES, false,
                    new EnrichSettings.RegistryWait(Duration.ofSeconds(2), Duration.ofMillis(500)));
            kafka = new KafkaSettings(endpoints.kafkaBootstrapServers(), kafkaProperties);
            registry = new RegistrySettings(enricherRegistryUrl, Optional.empty(), true, Duration.ofSeconds(2));
            cleanSerde = serde(CleanArticle.class, endpoints);
            deadLetterSerde = serde(DeadLetter.class, endpoints);
        }

        static Topics topics() {
            String id = UUID.randomUUID().toString().substring(0, 8);
            return Topics.named("it.raw." + id, "it.clean." + id, "it.dlq." + id);
        }

        /** Reads what is there; returns how many records it read. */
        int drain(KafkaConsumer<String, byte[]> consumer) {
            int read = 0;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                read++;
                if (record.topic().equals(topics.clean().name())) {
                    cleaned.add(cleanSerde.deserializer().deserialize(record.topic(), record.value()));
                } else {
                    deadLetters.add(deadLetterSerde.deserializer().deserialize(record.topic(), record.value()));
                    var size = record.headers().lastHeader(DeadLetterHeaders.ORIGINAL_SIZE);
                    if (size != null) {
                        originalSizes.add(new String(size.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            return read;
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> serde(Class<T> type,
            StackEndpoints endpoints) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl()), false);
        return serde;
    }



    /** The enricher's own check ("enrich"), not the rules' one registered beside it. */
    private static Health enricherHealth(UnservedContext context) {
        return context.check("enrich");
    }

    private static double counter(UnservedContext context, String name, String cause) {
        Counter counter = context.meters().find(name).tag("cause", cause).counter();
        return counter == null ? 0 : counter.count();
    }
}
