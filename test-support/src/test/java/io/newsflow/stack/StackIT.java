package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.stack.junit.StackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack's real servers. */
@ExtendWith(StackExtension.class)
class StackIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldGiveBackTheRecordKafkaWasSent(StackEndpoints endpoints) throws Exception {
        String topic = "stack-it-" + UUID.randomUUID();
        String value = "hello " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "id-1", value)).get();
            assertThat(sent.offset()).isZero();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "stack-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("id-1");
                assertThat(record.value()).isEqualTo(value);
            });
        }
    }

    @Test
    void shouldRegisterASchemaAndReturnItByIdThroughTheCcompatApi(StackEndpoints endpoints) throws Exception {
        assertThat(endpoints.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        String id = registerProbeSchema(endpoints, "Probe");

        HttpResponse<String> byId = schemaById(endpoints, id);
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).contains("Probe").contains("io.newsflow.it");
    }

    @Test
    void shouldResolveASchemaIdRegisteredBeforeARegistryRestart(Stack stack, StackEndpoints endpoints)
            throws Exception {
        String name = "Survivor" + UUID.randomUUID().toString().replace("-", "");
        String id = registerProbeSchema(endpoints, name);
        String before = schemaById(endpoints, id).body();
        long pidBefore = stack.pid(Server.REGISTRY).orElseThrow();

        stack.restart(Server.REGISTRY);

        assertThat(stack.pid(Server.REGISTRY)).isPresent().isNotEqualTo(pidBefore);
        assertThat(stack.endpoints().registryUrl()).isEqualTo(endpoints.registryUrl());
        HttpResponse<String> after = schemaById(endpoints, id);
        assertThat(after.statusCode()).as("GET /schemas/ids/%s after the restart: %s", id, after.body())
                .isEqualTo(200);
        assertThat(after.body()).isEqualTo(before).contains(name);
    }

    /** Registers a record schema named {@code name} under a new subject; returns its global id. */
    private static String registerProbeSchema(StackEndpoints endpoints, String name) throws Exception {
        String subject = "stack-it-" + UUID.randomUUID() + "-value";
        String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"" + name
                + "\\\",\\\"namespace\\\":\\\"io.newsflow.it\\\","
                + "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}";
        HttpResponse<String> registered = send(HttpRequest.newBuilder(
                        URI.create(endpoints.registryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + schema + "\"}")).build());
        assertThat(registered.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(registered.body());
        assertThat(id.find()).as("id in %s", registered.body()).isTrue();
        return id.group(1);
    }

    private static HttpResponse<String> schemaById(StackEndpoints endpoints, String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(endpoints.registryUrl() + "/schemas/ids/" + id)).GET().build());
    }

    @Test
    void shouldFindABulkIndexedDocumentBySearchInElasticsearch(StackEndpoints endpoints) throws Exception {
        String index = "stack-it-" + UUID.randomUUID();
        String word = "zebra" + UUID.randomUUID().toString().replace("-", "");
        bulkIndex(endpoints, index, "doc-1", word);

        assertThat(search(endpoints, index, word)).contains("\"_id\":\"doc-1\"").contains(word);
    }

    @Test
    void shouldKeepElasticsearchsPortAndDataAcrossAStopAndStart(Stack stack, StackEndpoints endpoints)
            throws Exception {
        String index = "stack-it-restart-" + UUID.randomUUID();
        bulkIndex(endpoints, index, "kept", "survivor");
        long pidBefore = stack.pid(Server.ELASTICSEARCH).orElseThrow();

        stack.stop(Server.ELASTICSEARCH);

        assertThat(stack.isRunning(Server.ELASTICSEARCH)).isFalse();
        assertThat(ProcessHandle.of(pidBefore)).isEmpty();
        assertThat(isReachable(endpoints.elasticsearchUrl())).isFalse();

        stack.start(Server.ELASTICSEARCH);

        assertThat(stack.endpoints().elasticsearchUrl()).isEqualTo(endpoints.elasticsearchUrl());
        assertThat(stack.pid(Server.ELASTICSEARCH)).isPresent().isNotEqualTo(pidBefore);
        assertThat(search(endpoints, index, "survivor")).contains("\"_id\":\"kept\"");
    }

    @Test
    void shouldRunEveryServerAsAProcessWithThePidTheStackReports(Stack stack) {
        assertThat(stack.pids()).containsOnlyKeys(Server.values());
        stack.pids().values().forEach(pid -> assertThat(ProcessHandle.of(pid)).get()
                .satisfies(process -> assertThat(process.isAlive()).isTrue()));
    }

    private static void bulkIndex(StackEndpoints endpoints, String index, String id, String text) throws Exception {
        String body = "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n"
                + "{\"title\":\"" + text + "\"}\n";
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(endpoints.elasticsearchUrl() + "/_bulk?refresh=wait_for"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"errors\":false");
    }

    private static String search(StackEndpoints endpoints, String index, String word) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(endpoints.elasticsearchUrl() + "/" + index + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match\":{\"title\":\"" + word + "\"}}}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static boolean isReachable(String url) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
