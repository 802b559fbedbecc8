package io.newsflow.sink.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.newsflow.avro.SourceHealth;
import io.newsflow.common.ops.Health;
import io.newsflow.common.ops.HealthCheck;
import io.newsflow.schemas.Backoff;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes {@code sources.health} into two indices on its own thread: the current state of each source (id = source,
 * external version = change time, so a replayed or late older event never overwrites a newer state) and the
 * timeline of transitions (one document per change). Offsets are committed only after Elasticsearch acknowledged a
 * whole poll; a failed request is retried with backoff, so nothing is skipped. Both writes are idempotent.
 */
public final class SourceHealthIndexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceHealthIndexer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<SourceHealth> deserializer;
    private final ElasticsearchClient client;
    private final SourceHealthIndexSettings settings;
    private final String topic;
    private final Thread thread;
    private final AtomicReference<Health> health = new AtomicReference<>(Health.degraded("starting"));
    private volatile boolean running = true;

    public SourceHealthIndexer(Consumer<byte[], byte[]> consumer, Deserializer<SourceHealth> deserializer,
            ElasticsearchClient client, SourceHealthIndexSettings settings, String topic) {
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.client = client;
        this.settings = settings;
        this.topic = topic;
        this.thread = Thread.ofPlatform().name("newsflow-sink-source-health").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public HealthCheck health() {
        return health::get;
    }

    private void run() {
        try {
            retrying("create the source-health indices", this::ensureIndices);
            consumer.subscribe(List.of(topic));
            health.set(Health.up("indexing " + topic));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                retrying("index " + records.count() + " source-health events", () -> write(records));
                consumer.commitSync();
            }
        } catch (WakeupException | InterruptedException | InterruptException e) {
            // closing
        } catch (RuntimeException e) {
            health.set(Health.down(e.getClass().getSimpleName()));
            log.error("source-health indexing stopped: {}", e.getMessage(), e);
        } finally {
            Thread.interrupted(); // close() may have interrupted a backoff; the consumer must still close cleanly
            consumer.close();
        }
    }

    private interface Attempt {
        void run() throws IOException;
    }

    private void retrying(String what, Attempt attempt) throws InterruptedException {
        Duration wait = Duration.ofMillis(500);
        while (running) {
            try {
                attempt.run();
                return;
            } catch (IOException | ElasticsearchException | IllegalStateException e) {
                health.set(Health.degraded("cannot " + what + ": " + e.getMessage()));
                log.warn("cannot {} ({}); retrying in {} ms", what, e.getMessage(), wait.toMillis());
                Thread.sleep(wait.toMillis()); // backoff between attempts at a server that is not answering
                wait = Backoff.doubled(wait, MAX_BACKOFF);
            }
        }
        throw new InterruptedException("closed");
    }

    private void ensureIndices() throws IOException {
        String mappings = SourceHealthDocuments.mappings().toString();
        for (String index : List.of(settings.index(), settings.transitionsIndex())) {
            if (client.indices().exists(e -> e.index(index)).value()) {
                continue;
            }
            try {
                client.indices().create(c -> c.index(index).mappings(m -> m.withJson(new StringReader(mappings))));
                log.info("created index {}", index);
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        health.set(Health.up("indices ready"));
    }

    private void write(ConsumerRecords<byte[], byte[]> records) throws IOException {
        List<BulkOperation> operations = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            SourceHealth event;
            try {
                event = deserializer.deserialize(record.topic(), record.value());
            } catch (SerializationException e) {
                log.warn("skipping unreadable source-health event at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getClass().getSimpleName());
                continue;
            }
            if (event == null) {
                continue;
            }
            Map<String, Object> doc = SourceHealthDocuments.document(event);
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(settings.index())
                    .id(SourceHealthDocuments.currentId(event)).version(SourceHealthDocuments.version(event))
                    .versionType(VersionType.ExternalGte).document(doc))));
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(settings.transitionsIndex())
                    .id(SourceHealthDocuments.transitionId(event)).document(doc))));
        }
        if (operations.isEmpty()) {
            return;
        }
        BulkResponse response = client.bulk(b -> b.operations(operations));
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && !"version_conflict_engine_exception".equals(item.error().type())) {
                    throw new IllegalStateException("Elasticsearch refused a source-health document in "
                            + item.index() + ": " + item.error().type() + ": " + item.error().reason());
                }
            }
        }
        health.set(Health.up("indexing " + topic));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.interrupt();
        thread.join(Duration.ofSeconds(30));
    }
}
