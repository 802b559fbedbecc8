package io.newsflow.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("health is 200 while checks are up or degraded and 503 when one is down; metrics are Prometheus text")
    void servesHealthAndMetrics() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("newsflow.test.things").increment(3);
        AtomicReference<Health> kafka = new AtomicReference<>(Health.up("connected"));
        try (OpsServer ops = OpsServer.start("127.0.0.1", 0, registry)) {
            ops.register("kafka", kafka::get).register("index", () -> Health.degraded("retrying"));

            HttpResponse<String> healthy = get(ops, "/health");
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).contains("\"status\":\"DEGRADED\"").contains("\"detail\":\"connected\"");

            kafka.set(Health.down("no broker"));
            HttpResponse<String> down = get(ops, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("{\"status\":\"DOWN\"");

            HttpResponse<String> metrics = get(ops, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("newsflow_test_things_total 3.0");
        }
    }

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
