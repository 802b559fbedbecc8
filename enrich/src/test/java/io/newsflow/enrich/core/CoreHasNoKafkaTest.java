package io.newsflow.enrich.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The cleaning core, the statement tagger and the pipeline over them are plain Java: Kafka and Avro stay in the streams layer. */
class CoreHasNoKafkaTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.newsflow.enrich");

    @Test
    void shouldKeepKafkaAndAvroOutOfTheCorePackages() {
        noClasses().that().resideInAnyPackage("io.newsflow.enrich.core..", "io.newsflow.enrich.statements..", "io.newsflow.enrich.pipeline..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "io.newsflow.avro..")
                .check(CLASSES);
    }
}
