package io.newsflow.sink;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.ElasticsearchTransport;
import java.io.IOException;

/**
 * The blocking client (start-up, index setup) and the asynchronous one (the bulk ingester) over one transport,
 * built from {@code sink.elasticsearch}.
 */
public final class ElasticsearchClients implements AutoCloseable {

    private final ElasticsearchClient blocking;
    private final ElasticsearchAsyncClient async;

    private ElasticsearchClients(ElasticsearchClient blocking) {
        this.blocking = blocking;
        this.async = new ElasticsearchAsyncClient(blocking._transport());
    }

    public static ElasticsearchClients connect(SinkSettings.Elasticsearch settings) {
        return new ElasticsearchClients(ElasticsearchClient.of(b -> {
            b.hosts(settings.urls());
            if (settings.apiKey().isPresent()) {
                b.apiKey(settings.apiKey().get());
            } else if (settings.username().isPresent()) {
                b.usernameAndPassword(settings.username().get(), settings.password().orElse(""));
            }
            return b;
        }));
    }

    public ElasticsearchClient blocking() {
        return blocking;
    }

    public ElasticsearchAsyncClient async() {
        return async;
    }

    @Override
    public void close() throws IOException {
        ElasticsearchTransport transport = blocking._transport();
        transport.close();
    }
}
