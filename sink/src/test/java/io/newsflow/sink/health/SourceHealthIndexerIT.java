package io.newsflow.sink.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SourceState;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.ops.Health;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.common.service.UnservedContext;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.sink.SinkSettings;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink's source-health indexing against real Kafka, registry and Elasticsearch. */
@ExtendWith(StackExtension.class)
class SourceHealthIndexerIT {

    private static SourceHealth event(String source, SourceState from, SourceState to, long minute) {
        return SourceHealth.newBuilder(SourceHealthDocumentsTest.compromised()).setSource(source)
                .setPreviousState(from).setState(to)
                .setChangedAt(SourceHealthDocumentsTest.compromised().getChangedAt().plusSeconds(60 * minute)).build();
    }

    @Test
    void shouldKeepTheLatestStatePerSourceAndEveryTransitionOnceEvenWhenAnOldEventComesAgain(StackEndpoints stack)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        Topics topics = Topics.named("it-raw-" + run, "it-clean-" + run, "it-dlq-" + run, "it-health-" + run);
        SourceHealthIndexSettings settings = new SourceHealthIndexSettings(true, "it-health-" + run,
                "it-health-transitions-" + run, "it-health-sink-" + run);
        RegistrySettings registry = new RegistrySettings(stack.registryUrl(), Optional.empty(), true,
                Duration.ofSeconds(10));
        String topic = topics.health().name();
        SourceHealth suspect = event("Warta Nusantara", SourceState.CLEAN, SourceState.SUSPECT, 1);
        List<SourceHealth> events = List.of(
                event("Warta Nusantara", null, SourceState.CLEAN, 0), suspect,
                event("Warta Nusantara", SourceState.SUSPECT, SourceState.COMPROMISED, 2),
                event("Harbour Times", null, SourceState.CLEAN, 0),
                suspect); // read again (a replay): must neither go back in time nor add a transition
        UnservedContext context = ServiceContext.unserved(new SimpleMeterRegistry());

        try (AvroSerde<SourceHealth> serde = new AvroSerde<>(SourceHealth.class);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers()))) {
            serde.configure(registry.serdeConfig(), false);
            for (SourceHealth e : events) {
                producer.send(new ProducerRecord<>(topic, e.getSource(), serde.serializer().serialize(topic, e)));
            }
            producer.send(new ProducerRecord<>(topic, "garbage", "not avro".getBytes(StandardCharsets.UTF_8))).get();

            AutoCloseable indexing = SourceHealthIndexing.start(context,
                    new KafkaSettings(stack.kafkaBootstrapServers(), Map.of()), registry, topics,
                    new SinkSettings.Elasticsearch(List.of(URI.create(stack.elasticsearchUrl())), Optional.empty(),
                            Optional.empty(), Optional.empty()), settings);
            ElasticsearchClient es = ElasticsearchClient.of(b -> b.host(stack.elasticsearchUrl()));
            try (indexing) {
                TopicPartition partition = new TopicPartition(topic, 0);
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                        .offset();
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(settings.groupId())
                            .partitionsToOffsetAndMetadata().get().get(partition);
                    assertThat(committed.offset()).isEqualTo(end);
                });
                assertThat(context.check("source-health-index").status()).isEqualTo(Health.Status.UP);
            } finally {
                Map<String, JsonNode> current = documents(es, settings.index());
                Map<String, JsonNode> transitions = documents(es, settings.transitionsIndex());
                es._transport().close();
                assertThat(current).containsOnlyKeys("Warta Nusantara", "Harbour Times");
                assertThat(current.get("Warta Nusantara").path("state").asText()).isEqualTo("COMPROMISED");
                assertThat(current.get("Warta Nusantara").path("evidence").path("firstSpamUrl").asText())
                        .isEqualTo("https://warta.example/a1");
                assertThat(current.get("Harbour Times").path("state").asText()).isEqualTo("CLEAN");
                assertThat(transitions.values()).extracting(doc -> doc.path("source").asText() + " "
                        + doc.path("state").asText()).containsExactlyInAnyOrder("Warta Nusantara CLEAN",
                        "Warta Nusantara SUSPECT", "Warta Nusantara COMPROMISED", "Harbour Times CLEAN");
            }
        }
    }

    private static Map<String, JsonNode> documents(ElasticsearchClient es, String index) throws Exception {
        es.indices().refresh(r -> r.index(index));
        Map<String, JsonNode> docs = new TreeMap<>();
        for (Hit<JsonNode> hit : es.search(s -> s.index(index).size(100), JsonNode.class).hits().hits()) {
            docs.put(hit.id(), hit.source());
        }
        return docs;
    }

}
