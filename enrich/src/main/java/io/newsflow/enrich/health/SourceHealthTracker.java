package io.newsflow.enrich.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Source health for one article at a time: adds it to its source's hourly bucket, sums the 1 h, 24 h and 7 d
 * windows that hold it and lets {@link HealthRule} decide. Plain Java over {@link HealthStores}; the Streams
 * processor only adapts it.
 */
public final class SourceHealthTracker {
    private static final long HOUR = HealthRule.HOUR.toMillis();

    private final HealthRule rule;
    private final HealthStores stores;

    public SourceHealthTracker(HealthRule rule, HealthStores stores) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** The transition this article causes, if any; the stores are updated either way. */
    public Optional<Transition> observe(Observation article) {
        String source = article.source();
        long hour = hourOf(article.time());
        stores.putBucket(source, hour, stores.bucket(source, hour).plus(article));
        SourceStatus before = stores.status(source);
        long countFromHour = hourOf(before.countFrom());
        HealthRule.Windows windows = new HealthRule.Windows() {
            @Override
            public Counts counts(Duration size) {
                return stores.sum(source, start(size), hour);
            }

            @Override
            public long start(Duration size) {
                return Math.max(hour + HOUR - size.toMillis(), countFromHour);
            }

            @Override
            public long end() {
                return hour + HOUR;
            }
        };
        HealthRule.Decision decision = rule.decide(before, article, windows);
        stores.putStatus(source, decision.status());
        return decision.transition();
    }

    public SourceStatus status(String source) {
        return stores.status(source);
    }

    static long hourOf(long time) {
        return Math.floorDiv(time, HOUR) * HOUR;
    }
}
