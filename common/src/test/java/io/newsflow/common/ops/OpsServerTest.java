package io.newsflow.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerHealth200WhileChecksAreUpOrDegradedAnd503WhenOneIsDown() throws Exception {
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

    @Test
    void shouldAnswerALookupByItsUrlDecodedNameWith404WhenUnknownAnd503WhenNotReady() throws Exception {
        AtomicReference<Boolean> ready = new AtomicReference<>(true);
        try (OpsServer ops = OpsServer.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            ops.lookup("sources", name -> {
                if (!ready.get()) {
                    throw new IllegalStateException("store not queryable yet (REBALANCING)");
                }
                return name.equals("Warta Nusantara") ? Optional.of(Map.of("state", "COMPROMISED"))
                        : name.isEmpty() ? Optional.of(List.of("Warta Nusantara")) : Optional.empty();
            });

            HttpResponse<String> found = get(ops, "/sources/Warta%20Nusantara");
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).isEqualTo("{\"state\":\"COMPROMISED\"}");
            assertThat(get(ops, "/sources").body()).isEqualTo("[\"Warta Nusantara\"]");
            HttpResponse<String> unknown = get(ops, "/sources/Nobody");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("'Nobody'");
            ready.set(false);
            HttpResponse<String> notReady = get(ops, "/sources/Warta%20Nusantara");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("REBALANCING");
        }
    }

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
