package io.newsflow.enrich.health;

import io.newsflow.avro.SourceHealth;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Feeds each article of a source to {@link SourceHealthTracker} and forwards the transitions it decides. */
final class HealthProcessor implements Processor<String, Observation, String, SourceHealth> {
    private final HealthRule rule;
    private ProcessorContext<String, SourceHealth> context;
    private SourceHealthTracker tracker;

    HealthProcessor(HealthRule rule) {
        this.rule = rule;
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
        tracker.observe(record.value()).ifPresent(transition -> context.forward(
                new Record<>(transition.source(), HealthEvents.toAvro(transition), transition.at())));
    }
}
