package io.newsflow.schemas;

import io.newsflow.stack.junit.ModuleArchitecture;
import org.junit.jupiter.api.Test;

/** schemas' packages (the contract types, evolution, registry, serde) depend on each other in one direction only. */
class SchemasPackagesTest {
    @Test
    void shouldHaveNoCyclesBetweenSchemasPackages() {
        ModuleArchitecture.of("io.newsflow.schemas").assertNoPackageCycles();
    }
}
