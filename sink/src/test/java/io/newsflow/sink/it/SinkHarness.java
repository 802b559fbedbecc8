package io.newsflow.sink.it;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.DeadLetter;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.schemas.Topics;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.common.service.UnservedContext;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.sink.runtime.SinkService;
import io.newsflow.sink.SinkSettings;
import io.newsflow.stack.StackEndpoints;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One isolated pipeline slice per test on the real stack: its own topics, consumer group and index alias, the sink
 * wired exactly as {@code newsflow sink} wires it ({@link SinkService}), and helpers to produce and to look.
 */
final class SinkHarness implements AutoCloseable {

    final StackEndpoints endpoints;
    final String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    final Topics topics = Topics.named("it-raw-" + suffix, "it-clean-" + suffix, "it-dlq-" + suffix);
    final String alias = "it-articles-" + suffix;
    final ElasticsearchClient elasticsearch;
    private final AvroSerde<CleanArticle> articleSerde = new AvroSerde<>(CleanArticle.class);
    private final AvroSerde<DeadLetter> deadLetterSerde = new AvroSerde<>(DeadLetter.class);
    private final KafkaProducer<String, CleanArticle> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private final Admin admin;
    private final List<AutoCloseable> sinks = new ArrayList<>();
    private SinkSettings.Breaker breaker = SinkSettings.defaults().breaker();

    SinkHarness(StackEndpoints endpoints) throws Exception {
        this.endpoints = endpoints;
        this.elasticsearch = ElasticsearchClient.of(b -> b.host(endpoints.elasticsearchUrl()));
        articleSerde.configure(registry().serdeConfig(), false);
        deadLetterSerde.configure(registry().serdeConfig(), false);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), articleSerde.serializer());
        this.rawProducer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()));
        admin.createTopics(List.of(new NewTopic(topics.clean().name(), 1, (short) 1), new NewTopic(topics.deadLetters().name(), 1,
                (short) 1))).all().get();
    }

    RegistrySettings registry() {
        return new RegistrySettings(endpoints.registryUrl(), Optional.empty(), true, Duration.ofSeconds(10));
    }

    SinkSettings settings(String groupId) {
        SinkSettings d = SinkSettings.defaults();
        return new SinkSettings(groupId,
                new SinkSettings.Elasticsearch(List.of(java.net.URI.create(endpoints.elasticsearchUrl())),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new SinkSettings.Index(alias, alias),
                new SinkSettings.Bulk(50, 5_000_000, Duration.ofMillis(100), 2),
                d.maxInFlight(), Duration.ofMillis(200),
                new SinkSettings.Retry(Duration.ofMillis(200), Duration.ofSeconds(2)),
                breaker, List.of());
    }

    /** The circuit breaker settings of the sinks started from now on. */
    SinkHarness breaker(SinkSettings.Breaker value) {
        this.breaker = value;
        return this;
    }

    /** A running sink in the group, with its own meters and failure record. */
    record RunningSink(AutoCloseable handle, UnservedContext context, AtomicReference<Throwable> failure)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            handle.close();
        }

        MeterRegistry meters() {
            return context.meters();
        }

        double counter(String name) {
            return meters().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
        }

        double environmentFaults(String cause) {
            return meters().get("newsflow.sink.environment.faults").tag("cause", cause).counter().count();
        }

        io.newsflow.common.ops.Health sinkHealth() {
            return context.check("sink");
        }
    }

    RunningSink startSink(String groupId) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        UnservedContext context = ServiceContext.unserved(new SimpleMeterRegistry(),
                (reason, cause) -> failure.set(cause));
        AutoCloseable handle = SinkService.start(context,
                new KafkaSettings(endpoints.kafkaBootstrapServers(), Map.of()), registry(), topics,
                settings(groupId));
        RunningSink sink = new RunningSink(handle, context, failure);
        sinks.add(sink);
        return sink;
    }

    void produce(CleanArticle article) throws Exception {
        producer.send(new ProducerRecord<>(topics.clean().name(), article.getId(), article)).get();
    }

    /** A record whose value is these bytes, as they are: for poison that no deserializer can read. */
    void produceRaw(String key, byte[] value) throws Exception {
        rawProducer.send(new ProducerRecord<>(topics.clean().name(), key, value)).get();
    }

    void tombstone(String id, long timestamp) throws Exception {
        producer.send(new ProducerRecord<String, CleanArticle>(topics.clean().name(), null, (Long) timestamp, id, null)).get();
    }

    long committed(String groupId) throws Exception {
        TopicPartition partition = new TopicPartition(topics.clean().name(), 0);
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata offset = offsets.get(partition);
        return offset == null ? 0 : offset.offset();
    }

    long endOffset() throws Exception {
        TopicPartition partition = new TopicPartition(topics.clean().name(), 0);
        return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .partitionResult(partition).get().offset();
    }

    /** Every document in the index, by id, after a refresh. */
    Map<String, JsonNode> documents() throws IOException {
        elasticsearch.indices().refresh(r -> r.index(alias));
        SearchResponse<JsonNode> response = elasticsearch.search(s -> s.index(alias).size(10_000), JsonNode.class);
        Map<String, JsonNode> documents = new TreeMap<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            documents.put(hit.id(), hit.source());
        }
        return documents;
    }

    long count() throws IOException {
        elasticsearch.indices().refresh(r -> r.index(alias));
        return elasticsearch.count(c -> c.index(alias)).count();
    }

    Set<String> idsWhere(co.elastic.clients.elasticsearch._types.query_dsl.Query query) throws IOException {
        elasticsearch.indices().refresh(r -> r.index(alias));
        SearchResponse<JsonNode> response = elasticsearch.search(s -> s.index(alias).size(1000).query(query),
                JsonNode.class);
        Set<String> ids = new java.util.TreeSet<>();
        response.hits().hits().forEach(hit -> ids.add(hit.id()));
        return ids;
    }

    /** Dead letters on the test's dead-letter topic, read from the start. */
    List<DeadLetter> deadLetters(int atLeast, Duration within) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), deadLetterSerde.deserializer())) {
            consumer.subscribe(List.of(topics.deadLetters().name()));
            long deadline = System.nanoTime() + within.toNanos();
            while (letters.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(record.value());
                }
            }
        }
        return letters;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable sink : sinks) {
            sink.close();
        }
        producer.close();
        rawProducer.close();
        admin.close();
        articleSerde.close();
        deadLetterSerde.close();
        elasticsearch._transport().close();
    }
}
