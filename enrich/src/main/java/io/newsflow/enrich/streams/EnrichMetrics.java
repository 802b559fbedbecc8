package io.newsflow.enrich.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.enrich.core.Degradation;
import io.newsflow.enrich.core.SpamRemoval;
import java.time.Duration;
import java.util.List;

/**
 * The enricher's meters: articles in, out, skipped as duplicates and dead-lettered (by reason), spam lines removed
 * (by rule), stages a published article lacks (by stage and cause), cleaning time, and stream threads replaced after a
 * failure (by cause). Registered on the registry the ops server exposes at /metrics.
 */
public final class EnrichMetrics {
    private final MeterRegistry registry;
    private final Counter in;
    private final Counter out;
    private final Counter duplicates;
    private final Timer cleaning;

    public EnrichMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.in = Counter.builder("newsflow.enrich.articles.in").description("Raw articles read").register(registry);
        this.out = Counter.builder("newsflow.enrich.articles.out").description("Clean articles written").register(registry);
        this.duplicates = Counter.builder("newsflow.enrich.articles.duplicate")
                .description("Raw articles skipped: same id and content hash as one already processed").register(registry);
        this.cleaning = Timer.builder("newsflow.enrich.cleaning.time").description("Time to clean one article")
                .register(registry);
    }

    /** Meters kept in memory only, for tests and tools that expose none. */
    public static EnrichMetrics inMemory() {
        return new EnrichMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void articleIn() {
        in.increment();
    }

    void articleOut(List<SpamRemoval> removals) {
        out.increment();
        for (SpamRemoval removal : removals) {
            registry.counter("newsflow.enrich.spam.removed", "rule", removal.rule()).increment();
        }
    }

    void duplicate() {
        duplicates.increment();
    }

    void deadLettered(String reason) {
        registry.counter("newsflow.enrich.articles.dead.lettered", "reason", reason).increment();
    }

    void threadReplaced(String cause) {
        registry.counter("newsflow.enrich.stream.threads.replaced", "cause", cause).increment();
    }

    /** A stage whose output a published article lacks: {@code newsflow.enrich.stage.degraded{stage,cause}}. */
    void degraded(Degradation degradation) {
        registry.counter("newsflow.enrich.stage.degraded", "stage", degradation.stage().name(),
                "cause", degradation.cause().name()).increment();
    }

    void cleaningTook(Duration duration) {
        cleaning.record(duration);
    }
}
