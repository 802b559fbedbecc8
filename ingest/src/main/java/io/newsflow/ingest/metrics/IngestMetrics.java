package io.newsflow.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/** Every meter ingest reports, in one place so that names and tags stay consistent. See docs/ingest.md. */
public final class IngestMetrics {
    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** outcome: fetched, not_modified or failed; reason: the failure's code, or none. */
    public void feedPolled(String outcome, String reason, Duration latency) {
        Counter.builder("newsflow.ingest.feeds.polled")
                .description("Feed polls by outcome and failure reason")
                .tag("outcome", outcome)
                .tag("reason", lower(reason))
                .register(registry)
                .increment();
        fetchLatency("feed", outcome, latency);
    }

    public void pageFetched(String outcome, Duration latency) {
        fetchLatency("page", outcome, latency);
    }

    private void fetchLatency(String kind, String outcome, Duration latency) {
        Timer.builder("newsflow.ingest.fetch.latency")
                .description("Time to fetch a feed or page")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .record(latency);
    }

    /** kind: feed or page. */
    public void bytes(String kind, long bytes) {
        DistributionSummary.builder("newsflow.ingest.bytes")
                .description("Bytes read per response")
                .baseUnit("bytes")
                .tag("kind", kind)
                .register(registry)
                .record(bytes);
    }

    /** result: new, changed or unchanged. */
    public void item(String result) {
        Counter.builder("newsflow.ingest.items")
                .description("Feed items by what ingest did with them")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    public void refusal(String reason) {
        Counter.builder("newsflow.ingest.refusals")
                .description("Items refused, by reason")
                .tag("reason", lower(reason))
                .register(registry)
                .increment();
    }

    /** An article published from the feed's own content because its page could not be fetched. */
    public void fallback(String bodySource, String reason) {
        Counter.builder("newsflow.ingest.fallbacks")
                .description("Articles published from feed content, by page failure reason")
                .tag("source", lower(bodySource))
                .tag("reason", lower(reason))
                .register(registry)
                .increment();
    }

    public void publishFailure() {
        Counter.builder("newsflow.ingest.publish.failures")
                .description("Articles whose send to Kafka failed (retried at the next poll)")
                .register(registry)
                .increment();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    private static String lower(String value) {
        return value == null ? "none" : value.toLowerCase(Locale.ROOT);
    }
}
