package io.newsflow.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka is ready when a record produced to a probe topic can be read back: listening alone is not enough (the
 * controller may not have elected itself, the broker may not be registered yet). The probe topic is deleted after.
 */
final class KafkaProbe {

    static final String TOPIC = "newsflow-stack-probe";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final int port;

    KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    Optional<String> notReadyBecause() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(PortAllocator.LOOPBACK, port), 500);
        } catch (IOException e) {
            return Optional.of("nothing listens on " + bootstrapServers + " yet");
        }
        String token = UUID.randomUUID().toString();
        try {
            produce(token);
            if (!readBack(token)) {
                return Optional.of("the probe record was produced but not read back within "
                        + STEP_TIMEOUT.toSeconds() + " s");
            }
            deleteProbeTopic();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of("producing the probe record failed: " + e.getCause());
        } catch (TimeoutException e) {
            return Optional.of("producing the probe record timed out");
        } catch (RuntimeException e) {
            return Optional.of("the probe failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private void produce(String token) throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, TOPIC,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) STEP_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) STEP_TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "probe", token))
                    .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean readBack(String token) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, TOPIC,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (token.equals(record.value())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private void deleteProbeTopic() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.deleteTopics(List.of(TOPIC)).all().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Readiness is proven; a probe topic that stays behind is only clutter.
        }
    }
}
