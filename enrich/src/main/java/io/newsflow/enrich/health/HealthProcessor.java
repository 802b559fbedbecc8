package io.newsflow.enrich.health;

import io.newsflow.avro.SourceHealth;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Feeds each article of a source to {@link SourceHealthTracker} and forwards the transitions it decides. */
final class HealthProcessor implements Processor<String, Observation, String, SourceHealth> {
    private final HealthRule rule;
    private final HealthMetrics metrics;
    private ProcessorContext<String, SourceHealth> context;
    private SourceHealthTracker tracker;

    HealthProcessor(HealthRule rule, HealthMetrics metrics) {
        this.rule = rule;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SourceHealth> context) {
        this.context = context;
        this.tracker = new SourceHealthTracker(rule, new StreamsHealthStores(
                context.getStateStore(HealthTopology.BUCKETS_STORE), context.getStateStore(HealthTopology.STATUS_STORE)));
    }

    @Override
    public void process(Record<String, Observation> record) {
        if (record.value() == null) {
            return;
        }
        metrics.observed();
        tracker.observe(record.value()).ifPresent(transition -> {
            context.forward(new Record<>(transition.source(), HealthEvents.toAvro(transition), transition.at()));
            metrics.published(transition.to());
        });
    }
}
