package io.newsflow.app;

import io.newsflow.stack.junit.ModuleArchitecture;
import org.junit.jupiter.api.Test;

/** The commands (the root package) use dlq, replay, sources and up; none of those reaches back or into another in a circle. */
class AppPackagesTest {
    @Test
    void shouldHaveNoCyclesBetweenAppPackages() {
        ModuleArchitecture.of("io.newsflow.app").assertNoPackageCycles();
    }
}
