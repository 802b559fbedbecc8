package io.newsflow.enrich.streams;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.avro.FailureReason;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.Server;
import io.newsflow.stack.junit.StackClients;
import io.newsflow.stack.junit.StackExtension;
import io.newsflow.stack.junit.StackServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/** The enricher with its production settings (exactly-once, registry serdes) against the real stack. */
@ExtendWith(StackExtension.class)
@StackServers({Server.KAFKA, Server.REGISTRY})
class EnrichIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void shouldCleanARawArticleAndDeadLetterAnUndecodableAndATooShortOne(StackEndpoints stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Topics topics = Topics.named("it.raw." + run, "it.clean." + run, "it.dlq." + run);
        EnrichSettings settings = new EnrichSettings("it-enrich-" + run, stateDir, Duration.ofDays(1), 1,
                EnrichSettings.DEFAULT_COMMIT_INTERVAL, 25,
                List.of(), List.of(), Duration.ZERO, LanguageGuesser.DEFAULT_CANDIDATES, false,
                EnrichSettings.RegistryWait.DEFAULTS);
        KafkaSettings kafka = new KafkaSettings(stack.kafkaBootstrapServers(), Map.of());
        RegistrySettings registry = new RegistrySettings(stack.registryUrl(), Optional.empty(), true, Duration.ofSeconds(10));
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
        String seed = Files.readString(SharedFolder.path("samples/geneva-talks.id.txt"));
        RawArticle article = RawArticles.text("a1", seed);

        try (AvroSerde<RawArticle> rawSerde = new AvroSerde<>(RawArticle.class);
                AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class);
                AvroSerde<DeadLetter> deadLetterSerde = new AvroSerde<>(DeadLetter.class);
                KafkaProducer<String, byte[]> producer = StackClients.byteProducer(stack)) {
            rawSerde.configure(serdeConfig, false);
            cleanSerde.configure(serdeConfig, false);
            deadLetterSerde.configure(serdeConfig, false);
            String rawTopic = topics.raw().name();
            producer.send(new ProducerRecord<>(rawTopic, "a1", rawSerde.serializer().serialize(rawTopic, article))).get();
            producer.send(new ProducerRecord<>(rawTopic, "bad", "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
            RawArticle tooShort = RawArticles.text("short", "Judul\n\nHanya satu kalimat.");
            producer.send(new ProducerRecord<>(rawTopic, "short", rawSerde.serializer().serialize(rawTopic, tooShort))).get();

            List<CleanArticle> cleaned = new ArrayList<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            try (EnrichService service = EnrichService.start(settings, kafka, registry, topics,
                    ServiceContext.unserved(new SimpleMeterRegistry()));
                    KafkaConsumer<String, byte[]> consumer = StackClients.committedReader(stack,
                            topics.clean().name(), topics.deadLetters().name())) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    drain(consumer, topics, cleanSerde, deadLetterSerde, cleaned, deadLetters);
                    assertThat(cleaned).hasSize(1);
                    assertThat(deadLetters).hasSize(2);
                });
                assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
            CleanArticle clean = cleaned.getFirst();
            assertThat(clean.getTitle()).isEqualTo("Pembicaraan Keamanan AS-Rusia: Apa yang Kami Ketahui");
            assertThat(clean.getCredit()).isEqualTo("AFP");
            assertThat(clean.getSpamRemoved()).extracting(r -> r.getText()).containsExactly("sbobet", "By gacor88");
            assertThat(deadLetters).extracting(DeadLetter::getReason)
                    .containsExactly(FailureReason.UNDECODABLE, FailureReason.NOT_AN_ARTICLE);
            assertThat(deadLetters.getFirst().getOriginalValue().array()).isEqualTo("not avro at all".getBytes(StandardCharsets.UTF_8));
            assertThat(deadLetters.getFirst().getSourceTopic()).isEqualTo(rawTopic);

            // Restart with the local state gone: the dedup store comes back from its changelog.
            deleteRecursively(stateDir);
            producer.send(new ProducerRecord<>(rawTopic, "a1", rawSerde.serializer().serialize(rawTopic, article))).get();
            RawArticle edited = RawArticles.text("a1", seed.replace("tujuh jam", "delapan jam"));
            producer.send(new ProducerRecord<>(rawTopic, "a1", rawSerde.serializer().serialize(rawTopic, edited))).get();
            List<CleanArticle> afterRestart = new ArrayList<>();
            try (EnrichService service = EnrichService.start(settings, kafka, registry, topics,
                    ServiceContext.unserved(new SimpleMeterRegistry()));
                    KafkaConsumer<String, byte[]> consumer = StackClients.committedReader(stack,
                            topics.clean().name(), topics.deadLetters().name())) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    drain(consumer, topics, cleanSerde, deadLetterSerde, afterRestart, new ArrayList<>());
                    assertThat(afterRestart).extracting(CleanArticle::getContentHash).contains(edited.getContentHash());
                });
            }
            assertThat(afterRestart).as("the same content again gives no second output; the edit gives a new version")
                    .extracting(CleanArticle::getContentHash)
                    .containsExactly(article.getContentHash(), edited.getContentHash());
        }
    }

    private static void drain(KafkaConsumer<String, byte[]> consumer, Topics topics, AvroSerde<CleanArticle> cleanSerde,
            AvroSerde<DeadLetter> deadLetterSerde, List<CleanArticle> cleaned, List<DeadLetter> deadLetters) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
            if (record.topic().equals(topics.clean().name())) {
                cleaned.add(cleanSerde.deserializer().deserialize(record.topic(), record.value()));
            } else {
                deadLetters.add(deadLetterSerde.deserializer().deserialize(record.topic(), record.value()));
            }
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
