package io.newsflow.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * stack has two packages, so "no cycle" is one direction: the Testcontainers provider implements the stack's
 * {@link StackProvider}, and the stack loads it by name only ({@link StackMode#containers()}), so that Testcontainers
 * stays optional. (The other modules check their packages with test-support's {@code ModuleArchitecture}, which
 * depends on this module and so cannot be used here.)
 */
class StackPackagesTest {
    @Test
    void shouldNotDependOnTheContainersProvider() {
        noClasses().that().resideInAPackage("io.newsflow.stack")
                .should().dependOnClassesThat().resideInAPackage("io.newsflow.stack.containers..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.newsflow.stack"));
    }
}
