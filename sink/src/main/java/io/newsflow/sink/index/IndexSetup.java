package io.newsflow.sink.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.RolloverResponse;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the index ready at start-up, idempotently and safe against other sinks doing the same at once: puts the
 * index template (a PUT replaces it with the same content), creates the first backing index {@code <alias>-000001}
 * with the write alias unless the alias already exists, and otherwise brings every index behind the alias up to the
 * template's mappings.
 *
 * <p>Mapping upgrades: the template's mappings are put on each index behind the alias ({@code PUT <index>/_mapping});
 * Elasticsearch merges what is additive (a new field, a new sub-field) in place and refuses, with a 400
 * {@code illegal_argument_exception}, what is incompatible (a field whose type changed, object to nested). Such a
 * refusal on the write index rolls the alias over ({@code POST <alias>/_rollover}): the new write index is created
 * from the template, the old one stays behind the alias for searches. A refusal on an older (read-only) index is
 * logged and left: nothing is written there.
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
            upgradeMappings(template);
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

    /** Puts the template's mappings on every index behind the alias; rolls over when the write index refuses. */
    private void upgradeMappings(IndexTemplate template) throws IOException {
        String mappings = template.mappings().toString();
        Map<String, IndexAliases> indices = client.indices().getAlias(a -> a.name(alias)).aliases();
        String writeIndex = writeIndex(indices);
        List<String> older = new ArrayList<>(indices.keySet());
        older.remove(writeIndex);
        for (String index : older) {
            String refusal = putMappings(index, mappings);
            if (refusal != null) {
                log.warn("Index {} behind {} cannot take the template's mappings ({}); it is not written to any more,"
                        + " so it is left as it is", index, alias, refusal);
            }
        }
        if (writeIndex == null) {
            log.warn("Alias {} has no write index; the sink waits for one (set is_write_index on an index behind"
                    + " it)", alias);
            return;
        }
        String refusal = putMappings(writeIndex, mappings);
        if (refusal == null) {
            log.info("Mappings of write index {} are up to the template (additive changes applied in place)",
                    writeIndex);
            return;
        }
        RolloverResponse rolled = client.indices().rollover(r -> r.alias(alias));
        log.warn("Write index {} cannot take the template's mappings in place ({}); rolled {} over to {}, created from"
                + " the template. The old index stays behind the alias for searches; note that external versions are"
                + " per index", writeIndex, refusal, alias, rolled.newIndex());
    }

    /** Puts the mappings on the index; returns null when accepted, else Elasticsearch's reason for refusing. */
    private String putMappings(String index, String mappings) throws IOException {
        try {
            client.indices().putMapping(p -> p.index(index).withJson(new StringReader(mappings)));
            return null;
        } catch (ElasticsearchException e) {
            if (e.status() == 400) {
                return e.error().type() + ": " + e.error().reason();
            }
            throw e;
        }
    }

    /** The index the alias writes to: the one marked so, or the only one when none is marked. */
    private String writeIndex(Map<String, IndexAliases> indices) {
        for (Map.Entry<String, IndexAliases> entry : indices.entrySet()) {
            var aliasDefinition = entry.getValue().aliases().get(alias);
            if (aliasDefinition != null && Boolean.TRUE.equals(aliasDefinition.isWriteIndex())) {
                return entry.getKey();
            }
        }
        if (indices.size() == 1) {
            var only = indices.entrySet().iterator().next();
            var definition = only.getValue().aliases().get(alias);
            if (definition == null || definition.isWriteIndex() == null) {
                return only.getKey();
            }
        }
        return null;
    }

    private boolean aliasExists() throws IOException {
        return client.indices().existsAlias(a -> a.name(alias)).value();
    }
}
