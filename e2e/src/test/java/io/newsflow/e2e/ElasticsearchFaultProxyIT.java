package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.e2e.support.Elasticsearch;
import io.newsflow.e2e.support.ElasticsearchFaultProxy;
import io.newsflow.stack.Server;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import io.newsflow.stack.junit.StackServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fault proxy FaultsIT puts between the sink and the real Elasticsearch. */
@ExtendWith(StackExtension.class)
@StackServers(Server.ELASTICSEARCH)
class ElasticsearchFaultProxyIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldForwardRequestsAndAnswersUnchangedWhenPassingThrough(StackEndpoints endpoints) throws Exception {
        String index = "proxy-it-" + UUID.randomUUID();
        try (ElasticsearchFaultProxy proxy = ElasticsearchFaultProxy.start(endpoints.elasticsearchUrl())) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                    URI.create(proxy.url() + "/_cluster/health")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> bulk = bulk(proxy.url(), index, "a", "b");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
            assertThat(Elasticsearch.JSON.readTree(health.body()).path("cluster_name").asText()).isNotBlank();
            assertThat(Elasticsearch.JSON.readTree(bulk.body()).path("errors").asBoolean()).isFalse();
            assertThat(new Elasticsearch(endpoints.elasticsearchUrl()).existingIds(index, List.of("a", "b")))
                    .containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void shouldAnswerEveryBulkItem429WithoutForwardingWhenRejecting(StackEndpoints endpoints) throws Exception {
        String index = "proxy-it-" + UUID.randomUUID();
        try (ElasticsearchFaultProxy proxy = ElasticsearchFaultProxy.start(endpoints.elasticsearchUrl())) {
            proxy.mode(ElasticsearchFaultProxy.Mode.REJECT_BULK_ITEMS);

            HttpResponse<String> bulk = bulk(proxy.url(), index, "a", "b", "c");

            assertThat(bulk.statusCode()).isEqualTo(200);
            assertThat(bulk.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
            JsonNode answer = Elasticsearch.JSON.readTree(bulk.body());
            assertThat(answer.path("errors").asBoolean()).isTrue();
            assertThat(answer.path("items")).hasSize(3).allSatisfy(item -> {
                assertThat(item.path("index").path("status").asInt()).isEqualTo(429);
                assertThat(item.path("index").path("_index").asText()).isEqualTo(index);
                assertThat(item.path("index").path("error").path("type").asText())
                        .isEqualTo("es_rejected_execution_exception");
            });
            assertThat(proxy.rejectedItems()).isEqualTo(3);
            assertThat(new Elasticsearch(endpoints.elasticsearchUrl()).count(index)).as("nothing reached ES")
                    .isZero();

            proxy.mode(ElasticsearchFaultProxy.Mode.PASS_THROUGH);
            assertThat(Elasticsearch.JSON.readTree(bulk(proxy.url(), index, "a").body()).path("errors").asBoolean())
                    .isFalse();
        }
    }

    private static HttpResponse<String> bulk(String url, String index, String... ids) throws Exception {
        StringBuilder body = new StringBuilder();
        for (String id : ids) {
            body.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n")
                    .append("{\"title\":\"doc ").append(id).append("\"}\n");
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/_bulk?refresh=true"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
