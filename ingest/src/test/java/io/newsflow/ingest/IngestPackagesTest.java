package io.newsflow.ingest;

import io.newsflow.stack.junit.ModuleArchitecture;
import org.junit.jupiter.api.Test;

/**
 * ingest's packages depend on each other in one direction only, and Kafka stays behind the ports: polling and
 * publishing talk to {@code publish.ArticlePublisher}, {@code publish.LedgerStore} and {@code group.FeedGroup},
 * which only the {@code kafka} package implements with Kafka's clients.
 */
class IngestPackagesTest {
    private static final ModuleArchitecture INGEST = ModuleArchitecture.of("io.newsflow.ingest");

    @Test
    void shouldHaveNoCyclesBetweenIngestPackages() {
        INGEST.assertNoPackageCycles();
    }

    @Test
    void shouldKeepKafkaTypesOutOfTheDomainPackages() {
        INGEST.assertPackagesDoNotUse(
                new String[] {"config", "feed", "fetch", "group", "http", "metrics", "poll", "publish", "url"},
                ModuleArchitecture.KAFKA);
    }
}
