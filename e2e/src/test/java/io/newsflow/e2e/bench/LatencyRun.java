package io.newsflow.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.avro.RawArticle;
import io.newsflow.e2e.support.Elasticsearch;
import io.newsflow.e2e.support.Kafka;
import io.newsflow.stack.junit.PipelineConfig;
import io.newsflow.e2e.support.RawArticles;
import io.newsflow.e2e.support.ServiceProcess;
import io.newsflow.e2e.support.Services;
import io.newsflow.e2e.support.SteadyProducer;
import io.newsflow.stack.StackEndpoints;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publish-to-searchable latency of the pipeline (enrich and sink as their own processes, as deployed): first the
 * sustainable load (a burst through the whole pipeline), then a steady load at half of it, each article timed from
 * the moment it is handed to the producer to the first search that finds it.
 */
final class LatencyRun {
    private static final int WARM_UP = 100;
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    /** What the run measured. */
    record Result(int burst, double sustainable, double rate, Duration duration, List<Double> latenciesMs,
            long commitMs, long flushMs, long refreshMs) {

        long floorMs() {
            return commitMs + flushMs + refreshMs;
        }

        double percentile(double p) {
            List<Double> sorted = latenciesMs.stream().sorted().toList();
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
        }

        void printRows(PrintStream out) {
            out.printf(Locale.ROOT, "| sustainable load: a burst of %d raw articles through enrich and sink, articles/s"
                    + " | %.1f | | 1 | |%n", burst, sustainable);
            out.printf(Locale.ROOT, "| latency at half of it (%.1f articles/s for %d s, %d articles): p50, ms | %.0f"
                    + " | %.0f - %.0f (min - max) | | |%n", rate, duration.toSeconds(), latenciesMs.size(),
                    percentile(50), latenciesMs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    latenciesMs.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            out.printf(Locale.ROOT, "| latency p90 / p99, ms | %.0f / %.0f | | | |%n", percentile(90), percentile(99));
            out.printf(Locale.ROOT, "| floor: enrich commit %d ms + sink flush %d ms + Elasticsearch refresh %d ms,"
                    + " ms | %d | | | |%n", commitMs, flushMs, refreshMs, floorMs());
            out.printf(Locale.ROOT, "| (c) latency p50 / floor | %.2f | | | <= 1.3 |%n", percentile(50) / floorMs());
            out.printf(Locale.ROOT, "| (c) latency p99 / floor | %.2f | | | <= 2 |%n", percentile(99) / floorMs());
        }
    }

    private final StackEndpoints endpoints;
    private final Kafka kafka;
    private final List<RawArticles.Page> pages;
    private final int burst;
    private final Duration duration;
    private final Elasticsearch elasticsearch;

    LatencyRun(StackEndpoints endpoints, Kafka kafka, List<RawArticles.Page> pages, int burst, Duration duration) {
        this.endpoints = endpoints;
        this.kafka = kafka;
        this.pages = pages;
        this.burst = burst;
        this.duration = duration;
        this.elasticsearch = new Elasticsearch(endpoints.elasticsearchUrl());
    }

    Result run(PrintStream out) throws InterruptedException {
        PipelineConfig config = PipelineConfig.forRun("bench-latency", endpoints)
                .set("enrich", "commitInterval", COMMIT_INTERVAL.toMillis() + "ms")
                .set("sink", "bulk.flushInterval", FLUSH_INTERVAL.toMillis() + "ms");
        kafka.createTopics(3, config.rawTopic(), config.cleanTopic(), config.deadLetterTopic());
        try (Services services = new Services()) {
            ServiceProcess sink = services.start(config, "sink", "256m");
            ServiceProcess enrich = services.start(config, "enrich", "512m");
            enrich.awaitUp(Duration.ofMinutes(5));
            sink.awaitUp(Duration.ofMinutes(5));

            produce(config, RawArticles.batch(pages, WARM_UP, "bench.example.org", config.name() + "-warm-up"));
            awaitCount(config, WARM_UP, services);
            out.printf(Locale.ROOT, "latency: pipeline warm (%d articles searchable)%n", WARM_UP);

            produce(config, RawArticles.batch(pages, burst, "bench.example.org", config.name() + "-burst"));
            long tenth = awaitCount(config, WARM_UP + burst / 10, services);
            long ninetieth = awaitCount(config, WARM_UP + burst * 9 / 10, services);
            double sustainable = (burst * 8 / 10.0) / ((ninetieth - tenth) / 1e9);
            awaitCount(config, WARM_UP + burst, services);
            out.printf(Locale.ROOT, "latency: sustainable load %.1f articles/s (10%% to 90%% of a burst of %d)%n",
                    sustainable, burst);

            double rate = sustainable / 2;
            List<Double> latencies = steadyLoad(config, rate, services);
            long refresh = refreshIntervalMillis(config.alias());
            return new Result(burst, sustainable, rate, duration, latencies, COMMIT_INTERVAL.toMillis(),
                    FLUSH_INTERVAL.toMillis(), refresh);
        }
    }

    /** Articles produced at {@code rate} for the run's duration; each one's latency in milliseconds. */
    private List<Double> steadyLoad(PipelineConfig config, double rate, Services services) throws InterruptedException {
        List<RawArticle> articles = RawArticles.batch(pages, (int) Math.ceil(rate * duration.toSeconds()) + 1000,
                "bench.example.org", config.name() + "-steady");
        Map<String, Long> pending = new ConcurrentHashMap<>();
        List<Double> latencies = new ArrayList<>();
        SteadyProducer<RawArticle> producer = SteadyProducer.start(kafka, config.rawTopic(), n -> {
            RawArticle raw = articles.get(n);
            pending.put(raw.getId(), System.nanoTime());
            return raw;
        }, RawArticle::getId, rate);
        long stopProducing = System.nanoTime() + duration.toNanos();
        long deadline = stopProducing + TIMEOUT.toNanos();
        boolean producing = true;
        while (producing || !pending.isEmpty()) {
            if (producing && System.nanoTime() > stopProducing) {
                producer.close();
                producing = false;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " articles not searchable within " + TIMEOUT);
            }
            services.assertRunning();
            long asked = System.nanoTime();
            for (String id : elasticsearch.existingIds(config.alias(), List.copyOf(pending.keySet()))) {
                latencies.add((asked - pending.remove(id)) / 1e6);
            }
            Thread.sleep(POLL); // the sampling period of the measurement
        }
        return latencies;
    }

    private void produce(PipelineConfig config, List<RawArticle> articles) {
        try (KafkaProducer<String, RawArticle> producer = kafka.rawArticleProducer()) {
            articles.forEach(raw -> producer.send(new ProducerRecord<>(config.rawTopic(), raw.getId(), raw)));
        }
    }

    /** Waits until the index holds {@code count} documents; returns when it saw them (System.nanoTime). */
    private long awaitCount(PipelineConfig config, int count, Services services) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (elasticsearch.count(config.alias()) < count) {
            services.assertRunning();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + count + " articles searchable within " + TIMEOUT);
            }
            Thread.sleep(POLL); // the sampling period of the measurement
        }
        return System.nanoTime();
    }

    /** The index's refresh interval as Elasticsearch reports it (the template sets it). */
    private long refreshIntervalMillis(String alias) {
        JsonNode settings = elasticsearch.get("/" + alias + "/_settings?include_defaults=true");
        JsonNode index = settings.elements().next();
        String value = index.path("settings").path("index").path("refresh_interval").asText(
                index.path("defaults").path("index").path("refresh_interval").asText("1s"));
        if (value.endsWith("ms")) {
            return Long.parseLong(value.substring(0, value.length() - 2));
        }
        if (value.endsWith("s")) {
            return Long.parseLong(value.substring(0, value.length() - 1)) * 1000;
        }
        throw new IllegalStateException("unexpected refresh interval " + value);
    }
}
