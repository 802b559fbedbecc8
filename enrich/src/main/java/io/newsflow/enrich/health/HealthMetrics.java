package io.newsflow.enrich.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.avro.SourceState;
import java.util.EnumMap;
import java.util.Map;

/**
 * The source-health app's meters: {@code newsflow_health_articles_total} (articles observed) and
 * {@code newsflow_health_transitions_total{state}} (transitions published, by the state entered).
 */
public final class HealthMetrics {
    private final Counter articles;
    private final Map<SourceState, Counter> transitions = new EnumMap<>(SourceState.class);

    public HealthMetrics(MeterRegistry meters) {
        this.articles = Counter.builder("newsflow.health.articles").description("clean articles observed")
                .register(meters);
        for (SourceState state : SourceState.values()) {
            transitions.put(state, Counter.builder("newsflow.health.transitions").tag("state", state.name())
                    .description("source-health transitions published, by the state entered").register(meters));
        }
    }

    /** Meters nobody reads, for tests. */
    public static HealthMetrics inMemory() {
        return new HealthMetrics(new SimpleMeterRegistry());
    }

    void observed() {
        articles.increment();
    }

    void published(SourceState state) {
        transitions.get(state).increment();
    }

    public double articlesObserved() {
        return articles.count();
    }
}
