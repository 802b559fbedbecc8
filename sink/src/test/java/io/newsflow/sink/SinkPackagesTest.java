package io.newsflow.sink;

import io.newsflow.stack.junit.ModuleArchitecture;
import org.junit.jupiter.api.Test;

/**
 * sink's packages depend on each other in one direction only (the service wiring lives in {@code runtime}, beside
 * the poll loop it starts, so that the root package holds only the settings and the client factory that every
 * layer reads), and Kafka's types stay in {@code runtime}, {@code health}'s consumer and {@code write}.
 */
class SinkPackagesTest {
    private static final ModuleArchitecture SINK = ModuleArchitecture.of("io.newsflow.sink");

    @Test
    void shouldHaveNoCyclesBetweenSinkPackages() {
        SINK.assertNoPackageCycles();
    }

    /**
     * {@code offsets} is generic over the partition type for this reason. {@code write} is left out: beside the
     * {@code DeadLetterPublisher} port it holds the Kafka adapter and records keyed by {@code TopicPartition}.
     */
    @Test
    void shouldKeepKafkaTypesOutOfTheDomainPackages() {
        SINK.assertPackagesDoNotUse(new String[] {"document", "errors", "index", "kibana", "offsets"},
                ModuleArchitecture.KAFKA);
    }
}
