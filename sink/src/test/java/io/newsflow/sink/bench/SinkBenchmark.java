package io.newsflow.sink.bench;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SpeechAct;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.schemas.Topics;
import io.newsflow.common.service.ServiceContext;
import io.newsflow.schemas.serde.AvroSerde;
import io.newsflow.sink.ElasticsearchClients;
import io.newsflow.sink.runtime.SinkService;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.document.ArticleDocuments;
import io.newsflow.sink.index.IndexSetup;
import io.newsflow.sink.testing.TestArticles;
import io.newsflow.stack.Stack;
import io.newsflow.stack.StackEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sink's indexing rate against a direct {@code BulkIngester} load of the same documents into the same
 * Elasticsearch, side by side in one run, at a few bulk sizes. Not a test: run it as {@code docs/sink.md} says and
 * read the table. Both rates are counted from the first acknowledged bulk to the last, so start-up (consumer group
 * join, first connection) is left out of both.
 *
 * <p>Arguments: {@code [documents] [bulk sizes, comma-separated] [rounds]}; default {@code 20000 250,1000,2000 2}.
 * Set {@code newsflow.stack.external} to an endpoints file to use running servers instead of starting a stack.
 */
public final class SinkBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENT_REQUESTS = 2;

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Integer> bulkSizes = new ArrayList<>();
        for (String size : (args.length > 1 ? args[1] : "250,1000,2000").split(",")) {
            bulkSizes.add(Integer.parseInt(size.trim()));
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;

        String external = System.getProperty("newsflow.stack.external");
        Stack stack = external == null ? Stack.builder().runDir(Path.of("target", "bench-stack")).build() : null;
        try {
            StackEndpoints endpoints = stack != null ? stack.start() : StackEndpoints.readFrom(Path.of(external));
            run(endpoints, documents, bulkSizes, rounds);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private static void run(StackEndpoints endpoints, int count, List<Integer> bulkSizes, int rounds) throws Exception {
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String topic = "bench-clean-" + suffix;
        List<CleanArticle> articles = articles(count);
        List<byte[]> documents = new ArrayList<>();
        for (CleanArticle article : articles) {
            documents.add(JSON.writeValueAsBytes(ArticleDocuments.toDocument(article)));
        }
        long bytes = documents.stream().mapToLong(d -> d.length).sum();
        RegistrySettings registry = new RegistrySettings(endpoints.registryUrl(), Optional.empty(), true,
                Duration.ofSeconds(10));
        produce(endpoints, registry, topic, articles);

        System.out.printf(Locale.ROOT, "%n%d documents, %.1f KB JSON each on average, %d concurrent bulk requests, "
                + "%d rounds%n", count, bytes / 1024.0 / count, CONCURRENT_REQUESTS, rounds);
        System.out.println("| bulk size | direct BulkIngester docs/s | sink docs/s | sink / direct | per round |");
        System.out.println("|---:|---:|---:|---:|---|");
        try (ElasticsearchClients clients = ElasticsearchClients.connect(new SinkSettings.Elasticsearch(
                List.of(URI.create(endpoints.elasticsearchUrl())), Optional.empty(), Optional.empty(),
                Optional.empty()))) {
            for (int bulkSize : bulkSizes) {
                double direct = 0;
                double sink = 0;
                List<String> perRound = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    double directBefore = direct;
                    double sinkBefore = sink;
                    String name = "bench-" + suffix + "-" + bulkSize + "-" + round;
                    // Alternate which goes first, so neither always meets a warmer (or busier) server.
                    if (round % 2 == 0) {
                        direct += direct(clients, name + "-direct", articles, documents, bulkSize);
                        sink += sink(endpoints, registry, topic, name + "-sink", count, bulkSize);
                    } else {
                        sink += sink(endpoints, registry, topic, name + "-sink", count, bulkSize);
                        direct += direct(clients, name + "-direct", articles, documents, bulkSize);
                    }
                    perRound.add(String.format(Locale.ROOT, "%.2f", (sink - sinkBefore) / (direct - directBefore)));
                    for (String alias : List.of(name + "-direct", name + "-sink")) {
                        clients.blocking().indices().delete(x -> x.index(IndexSetup.firstIndex(alias)));
                        clients.blocking().indices().deleteIndexTemplate(x -> x.name(alias));
                    }
                }
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %s |%n", bulkSize, direct / rounds,
                        sink / rounds, sink / direct, String.join(" ", perRound));
            }
        }
    }

    /** Loads the documents with a bare BulkIngester, the same operations the sink sends. */
    private static double direct(ElasticsearchClients clients, String alias, List<CleanArticle> articles,
            List<byte[]> documents, int bulkSize) throws Exception {
        new IndexSetup(clients.blocking(), alias, alias).ensure();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicLong firstNanos = new AtomicLong();
        AtomicInteger atFirst = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int total = documents.size();
        BulkListener<Void> listener = new BulkListener<>() {
            @Override
            public void beforeBulk(long id, BulkRequest request, List<Void> contexts) {}

            @Override
            public void afterBulk(long id, BulkRequest request, List<Void> contexts, BulkResponse response) {
                response.items().forEach(item -> {
                    if (item.error() != null) {
                        failed.incrementAndGet();
                    }
                });
                count(contexts.size());
            }

            @Override
            public void afterBulk(long id, BulkRequest request, List<Void> contexts, Throwable failure) {
                failed.addAndGet(contexts.size());
                count(contexts.size());
            }

            private void count(int size) {
                int now = acknowledged.addAndGet(size);
                if (firstNanos.compareAndSet(0, System.nanoTime())) {
                    atFirst.set(now);
                }
                if (now >= total) {
                    done.countDown();
                }
            }
        };
        long end;
        try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(clients.async())
                .maxOperations(bulkSize)
                .maxSize(5_000_000L)
                .maxConcurrentRequests(CONCURRENT_REQUESTS)
                .flushInterval(1, TimeUnit.SECONDS)
                .globalSettings(g -> g.requireAlias(true))
                .listener(listener))) {
            for (int i = 0; i < total; i++) {
                CleanArticle article = articles.get(i);
                byte[] document = documents.get(i);
                ingester.add(BulkOperation.of(op -> op.index(x -> x.index(alias).id(article.getId())
                        .version(ArticleDocuments.version(article)).versionType(VersionType.ExternalGte)
                        .document(BinaryData.of(document, "application/json")))), null);
            }
            done.await(10, TimeUnit.MINUTES);
            end = System.nanoTime();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " documents failed in the direct load");
        }
        return (total - atFirst.get()) / ((end - firstNanos.get()) / 1e9);
    }

    /** Runs the sink, wired as in production, from the start of the topic until every document is indexed. */
    private static double sink(StackEndpoints endpoints, RegistrySettings registry, String topic, String alias,
            int total, int bulkSize) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ServiceContext context = ServiceContext.unserved(meters,
                (reason, cause) -> System.err.println("sink failed: " + reason));
        SinkSettings d = SinkSettings.defaults();
        SinkSettings settings = new SinkSettings("bench-" + alias, new SinkSettings.Elasticsearch(
                List.of(URI.create(endpoints.elasticsearchUrl())), Optional.empty(), Optional.empty(), Optional.empty()),
                new SinkSettings.Index(alias, alias),
                new SinkSettings.Bulk(bulkSize, 5_000_000L, Duration.ofSeconds(1), CONCURRENT_REQUESTS),
                Math.max(d.maxInFlight(), bulkSize * (CONCURRENT_REQUESTS + 1)), d.commitInterval(), d.retry(),
                d.breaker(), List.of());
        Topics topics = Topics.named("bench-unused", topic, "bench-dlq");
        long start = 0;
        double atStart = 0;
        long end;
        try (AutoCloseable sink = SinkService.start(context,
                new KafkaSettings(endpoints.kafkaBootstrapServers(), Map.of()), registry, topics, settings)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (true) {
                double indexed = meters.counter("newsflow.sink.docs.indexed").count();
                long now = System.nanoTime();
                if (start == 0 && indexed > 0) {
                    start = now;
                    atStart = indexed;
                }
                if (indexed >= total) {
                    end = now;
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("the sink indexed only " + indexed + " of " + total);
                }
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
        return (total - atStart) / ((end - start) / 1e9);
    }

    private static void produce(StackEndpoints endpoints, RegistrySettings registry, String topic,
            List<CleanArticle> articles) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (AvroSerde<CleanArticle> serde = new AvroSerde<>(CleanArticle.class)) {
            serde.configure(registry.serdeConfig(), false);
            try (KafkaProducer<String, CleanArticle> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), serde.serializer())) {
                for (CleanArticle article : articles) {
                    producer.send(new ProducerRecord<>(topic, article.getId(), article));
                }
                producer.flush();
            }
        }
    }

    /** Articles of a realistic size: a body of a few paragraphs, three statements, some spam removed. */
    private static List<CleanArticle> articles(int count) {
        List<CleanArticle> articles = new ArrayList<>();
        String paragraph = "Officials met on Tuesday to discuss the agreement, which negotiators said was close "
                + "to completion after months of talks in Geneva and Vienna. ".repeat(6);
        SpeechAct[] acts = SpeechAct.values();
        for (int i = 0; i < count; i++) {
            CleanArticle base = TestArticles.article("bench-" + i)
                    .site("site" + (i % 40) + ".example")
                    .language(i % 3 == 0 ? "id" : "en")
                    .fetchedAt(Instant.parse("2025-03-01T00:00:00Z").plusSeconds(i))
                    .statement("Speaker " + (i % 50), "Minister", acts[i % acts.length], "We will not accept this")
                    .statement("Wendy Sherman", "Deputy Secretary of State", SpeechAct.THREATEN, "There will be costs")
                    .statement(null, null, SpeechAct.REPORT)
                    .spam("gambling-keywords", "sbobet88 daftar")
                    .spam("link-farm", "click here for more")
                    .build();
            articles.add(CleanArticle.newBuilder(base)
                    .setText(paragraph.repeat(4))
                    .setWordCount(4 * 6 * 22)
                    .build());
        }
        return articles;
    }
}
