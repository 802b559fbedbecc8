package io.newsflow.enrich;

import io.newsflow.stack.junit.ModuleArchitecture;
import org.junit.jupiter.api.Test;

/**
 * enrich's packages depend on each other in one direction only (streams on pipeline, pipeline on statements and
 * core, statements on core), and the cleaning core, the statement tagger and the pipeline over them are plain Java:
 * Kafka and Avro stay in the streams layer.
 */
class EnrichPackagesTest {
    private static final ModuleArchitecture ENRICH = ModuleArchitecture.of("io.newsflow.enrich");

    @Test
    void shouldHaveNoCyclesBetweenEnrichPackages() {
        ENRICH.assertNoPackageCycles();
    }

    @Test
    void shouldKeepKafkaAndAvroOutOfCoreStatementsAndPipeline() {
        ENRICH.assertPackagesDoNotUse(new String[] {"core", "statements", "pipeline"},
                ModuleArchitecture.KAFKA, "org.apache.avro..", "io.newsflow.avro..");
    }
}
