package io.newsflow.enrich.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SourceState;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.stack.Server;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackClients;
import io.newsflow.stack.junit.StackExtension;
import io.newsflow.stack.junit.StackServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The source-health app with its production settings (exactly-once, registry serdes) against the real stack. */
@ExtendWith(StackExtension.class)
@StackServers({Server.KAFKA, Server.REGISTRY})
class SourceHealthIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final String HACKED = "Warta Nusantara";

    @TempDir
    Path stateDir;

    @Test
    void shouldKeepItsCountsAcrossARestartWithTheLocalStateWipedAndPublishEachTransitionOnce(StackEndpoints stack)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Topics topics = Topics.named("it.raw." + run, "it.clean." + run, "it.dlq." + run, "it.health." + run);
        HealthSettings settings = new HealthSettings(true, "it-health-" + run, Duration.ofMillis(100),
                HealthRule.DEFAULTS);
        KafkaSettings kafka = new KafkaSettings(stack.kafkaBootstrapServers(), Map.of());
        RegistrySettings registry = new RegistrySettings(stack.registryUrl(), Optional.empty(), true,
                Duration.ofSeconds(10));
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
        HealthArticles articles = new HealthArticles();
        Instant afterWeek = START.plus(Duration.ofDays(7));

        try (AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class);
                AvroSerde<SourceHealth> healthSerde = new AvroSerde<>(SourceHealth.class);
                KafkaProducer<String, byte[]> producer = StackClients.byteProducer(stack);
                KafkaConsumer<String, byte[]> consumer = StackClients.committedReader(stack, topics.health().name())) {
            cleanSerde.configure(serdeConfig, false);
            healthSerde.configure(serdeConfig, false);
            String clean = topics.clean().name();
            List<CleanArticle> before = new ArrayList<>();
            for (int h = 0; h < 7 * 24; h++) {
                before.add(articles.clean(HACKED, START.plus(Duration.ofHours(h))));
            }
            before.add(articles.withRemoved(HACKED, afterWeek.plusSeconds(300), "spam-hidden-links"));
            before.add(articles.withRemoved(HACKED, afterWeek.plusSeconds(600), "spam-link-farm"));
            for (CleanArticle article : before) {
                producer.send(new ProducerRecord<>(clean, article.getId(),
                        cleanSerde.serializer().serialize(clean, article)));
            }
            producer.flush();

            List<SourceHealth> events = new ArrayList<>();
            try (SourceHealthService service = SourceHealthService.start(settings, stateDir, kafka, registry,
                    topics, ServiceContext.unserved(new SimpleMeterRegistry()))) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    drain(consumer, healthSerde, events);
                    assertThat(events).extracting(SourceHealth::getState)
                            .containsExactly(SourceState.CLEAN, SourceState.SUSPECT);
                });
                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(service.lookup(HACKED))
                        .get().asString().contains("SUSPECT"));
                assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }

            deleteRecursively(stateDir);
            CleanArticle third = articles.withRemoved(HACKED, afterWeek.plusSeconds(900), "spam-link-farm");
            producer.send(new ProducerRecord<>(clean, third.getId(), cleanSerde.serializer().serialize(clean, third)))
                    .get();
            try (SourceHealthService service = SourceHealthService.start(settings, stateDir, kafka, registry,
                    topics, ServiceContext.unserved(new SimpleMeterRegistry()))) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    drain(consumer, healthSerde, events);
                    assertThat(events).extracting(SourceHealth::getState).contains(SourceState.COMPROMISED);
                });
                assertThat(service.lookup(HACKED)).get().asString().contains("COMPROMISED");
            }
            drain(consumer, healthSerde, events);
            assertThat(events).as("counts restored from the changelog; no transition published twice")
                    .extracting(SourceHealth::getState)
                    .containsExactly(SourceState.CLEAN, SourceState.SUSPECT, SourceState.COMPROMISED);
            SourceHealth compromised = events.getLast();
            assertThat(compromised.getEvidence().getSpamArticles()).isEqualTo(3);
            assertThat(compromised.getEvidence().getFirstSpamArticleId()).isEqualTo(before.get(7 * 24).getId());
            assertThat(compromised.getWindow().getSize()).isEqualTo("PT1H");
        }
    }

    private static void drain(KafkaConsumer<String, byte[]> consumer, AvroSerde<SourceHealth> serde,
            List<SourceHealth> into) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
            into.add(serde.deserializer().deserialize(record.topic(), record.value()));
        }
    }



    private static void deleteRecursively(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
