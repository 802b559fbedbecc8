package io.newsflow.common;

import io.newsflow.stack.junit.ModuleArchitecture;
import org.junit.jupiter.api.Test;

/** common's packages (config, ops, service) depend on each other in one direction only. */
class CommonPackagesTest {
    @Test
    void shouldHaveNoCyclesBetweenCommonPackages() {
        ModuleArchitecture.of("io.newsflow.common").assertNoPackageCycles();
    }
}
