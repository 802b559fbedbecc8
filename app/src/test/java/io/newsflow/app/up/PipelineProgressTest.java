package io.newsflow.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelineProgressTest {

    @Test
    void shouldReadTheProgressFromTheMetersTheThreeServicesRegister() {
        MeterRegistry ingest = new SimpleMeterRegistry();
        AtomicInteger feeds = ingest.gauge("newsflow.ingest.feeds.configured", new AtomicInteger(4));
        ingest.counter("newsflow.ingest.feeds.polled", "outcome", "fetched", "reason", "none").increment(3);
        ingest.counter("newsflow.ingest.feeds.polled", "outcome", "failed", "reason", "not_well_formed").increment(2);
        ingest.counter("newsflow.ingest.items", "result", "new").increment(3);
        ingest.counter("newsflow.ingest.items", "result", "changed").increment(1);
        ingest.counter("newsflow.ingest.items", "result", "unchanged").increment(7);
        MeterRegistry enrich = new SimpleMeterRegistry();
        enrich.counter("newsflow.enrich.articles.in").increment(4);
        enrich.counter("newsflow.enrich.articles.out").increment(3);
        enrich.counter("newsflow.enrich.articles.dead.lettered", "reason", "NOT_AN_ARTICLE").increment();
        MeterRegistry sink = new SimpleMeterRegistry();
        sink.counter("newsflow.sink.docs.indexed").increment(3);
        Map<String, MeterRegistry> services = Map.of("ingest", ingest, "enrich", enrich, "sink", sink);

        PipelineProgress progress = PipelineProgress.read(name -> Optional.ofNullable(services.get(name)));

        assertThat(feeds).hasValue(4);
        assertThat(progress).isEqualTo(new PipelineProgress(4, 5, 2, 4, 4, 0, 3, 3, 1, 0));
        assertThat(progress.settled()).isTrue();
    }

    @Test
    void shouldCountZeroForServicesThatAreNotRunning() {
        assertThat(PipelineProgress.read(name -> Optional.empty())).isEqualTo(PipelineProgress.NONE);
        assertThat(PipelineProgress.NONE.settled()).isFalse();
    }

    @Test
    void shouldNotSettleWhileAFeedIsUnpolledOrEnrichOrTheSinkIsBehind() {
        assertThat(new PipelineProgress(4, 3, 0, 3, 3, 0, 3, 3, 0, 0).settled()).as("a feed not polled yet").isFalse();
        assertThat(new PipelineProgress(4, 4, 0, 3, 2, 0, 2, 2, 0, 0).settled()).as("enrich behind").isFalse();
        assertThat(new PipelineProgress(4, 4, 0, 3, 3, 0, 3, 2, 0, 0).settled()).as("sink behind").isFalse();
        assertThat(new PipelineProgress(4, 4, 1, 3, 3, 1, 2, 1, 0, 1).settled()).as("duplicate and stale").isTrue();
    }
}
