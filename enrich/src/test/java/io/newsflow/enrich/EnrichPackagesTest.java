package io.newsflow.enrich;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * enrich's top-level packages (core, statements, pipeline, streams) depend on each other in one direction only:
 * streams on pipeline, pipeline on statements and core, statements on core.
 */
class EnrichPackagesTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.newsflow.enrich");

    @Test
    void shouldHaveNoCyclesBetweenEnrichPackages() {
        slices().matching("io.newsflow.enrich.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
