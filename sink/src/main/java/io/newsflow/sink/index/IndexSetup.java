package io.newsflow.sink.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.StringReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the index ready at start-up, idempotently and safe against other sinks doing the same at once: puts the
 * index template (a PUT replaces it with the same content), then creates the first backing index
 * {@code <alias>-000001} with the write alias unless the alias already exists.
 */
public final class IndexSetup {

    private static final Logger log = LoggerFactory.getLogger(IndexSetup.class);

    private final ElasticsearchClient client;
    private final String templateName;
    private final String alias;

    public IndexSetup(ElasticsearchClient client, String templateName, String alias) {
        this.client = client;
        this.templateName = templateName;
        this.alias = alias;
    }

    /** The first backing index of an alias. */
    public static String firstIndex(String alias) {
        return alias + "-000001";
    }

    public void ensure() throws IOException {
        IndexTemplate template = IndexTemplate.articles().forAlias(alias);
        client.indices().putIndexTemplate(r -> r.name(templateName).withJson(new StringReader(template.json())));
        log.info("Index template {} installed for {}-*", templateName, alias);

        if (aliasExists()) {
            log.info("Write alias {} exists", alias);
            return;
        }
        if (client.indices().exists(e -> e.index(alias)).value()) {
            throw new IllegalStateException("Elasticsearch has an index named '" + alias + "' where the sink needs"
                    + " an alias (was it auto-created by an earlier writer?). Reindex it into " + firstIndex(alias)
                    + " and delete it, or choose another sink.index alias.");
        }
        try {
            client.indices().create(c -> c.index(firstIndex(alias)).aliases(alias, a -> a.isWriteIndex(true)));
            log.info("Created {} with write alias {}", firstIndex(alias), alias);
        } catch (ElasticsearchException e) {
            // Another sink created it between our check and our create: fine if it made the alias too.
            if (!"resource_already_exists_exception".equals(e.error().type()) || !aliasExists()) {
                throw new IllegalStateException("Cannot create " + firstIndex(alias) + " with write alias " + alias
                        + ": " + e.error().type() + ": " + e.error().reason(), e);
            }
        }
    }

    private boolean aliasExists() throws IOException {
        return client.indices().existsAlias(a -> a.name(alias)).value();
    }
}
