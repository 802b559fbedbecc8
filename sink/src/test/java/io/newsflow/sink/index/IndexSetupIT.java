package io.newsflow.sink.index;

import static io.newsflow.sink.testing.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import io.newsflow.avro.SpeechAct;
import io.newsflow.sink.document.ArticleDocuments;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The index template and write alias on the stack's real Elasticsearch (the minimal integ-test-zip). */
@ExtendWith(StackExtension.class)
class IndexSetupIT {

    private ElasticsearchClient client;
    private String alias;

    @BeforeEach
    void connect(StackEndpoints endpoints) {
        client = ElasticsearchClient.of(b -> b.host(endpoints.elasticsearchUrl()));
        alias = "it-setup-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() throws Exception {
        client._transport().close();
    }

    @Test
    void shouldInstallStrictTemplateAndWriteAliasIdempotently() throws Exception {
        IndexSetup setup = new IndexSetup(client, alias, alias);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> ensure(setup));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> ensure(setup));
        first.get();
        second.get();
        setup.ensure();

        Map<String, IndexAliases> aliases = client.indices().getAlias(a -> a.name(alias)).aliases();
        assertThat(aliases).containsOnlyKeys(IndexSetup.firstIndex(alias));
        assertThat(aliases.get(IndexSetup.firstIndex(alias)).aliases().get(alias).isWriteIndex()).isTrue();
        var mapping = client.indices().getMapping(m -> m.index(alias)).get(IndexSetup.firstIndex(alias)).mappings();
        assertThat(mapping.dynamic().jsonValue()).isEqualTo("strict");
        assertThat(mapping.properties().get("statements").isNested()).isTrue();
        assertThat(mapping.properties().get("spamRemoved").isNested()).isTrue();
    }

    @Test
    void shouldAcceptTheMappersDocumentAndRefuseAFieldTheTemplateLacks() throws Exception {
        new IndexSetup(client, alias, alias).ensure();
        Map<String, Object> document = ArticleDocuments.toDocument(article("full")
                .statement("Wendy Sherman", "Deputy Secretary", SpeechAct.THREATEN, "Costs")
                .spam("gambling-keywords", "sbobet")
                .build());

        client.index(i -> i.index(alias).id("full").document(document).requireAlias(true));

        Map<String, Object> stranger = new java.util.HashMap<>(document);
        stranger.put("html", "<p>never</p>");
        assertThatThrownBy(() -> client.index(i -> i.index(alias).id("stranger").document(stranger)))
                .isInstanceOf(ElasticsearchException.class)
                .hasMessageContaining("strict_dynamic_mapping_exception");
    }

    @Test
    void shouldRefuseToStartWhenAConcreteIndexHoldsTheAliassName() throws Exception {
        client.indices().create(c -> c.index(alias));

        assertThatThrownBy(() -> new IndexSetup(client, alias, alias).ensure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("an index named '" + alias + "'");
    }

    @Test
    void shouldAddANewTemplateFieldToTheLiveIndexInPlace() throws Exception {
        ObjectNode older = IndexTemplate.articles().mappings().deepCopy();
        ((ObjectNode) older.get("properties")).remove("contentHash");
        createFirstIndex(older);

        new IndexSetup(client, alias, alias).ensure();

        Map<String, IndexAliases> aliases = client.indices().getAlias(a -> a.name(alias)).aliases();
        assertThat(aliases).containsOnlyKeys(IndexSetup.firstIndex(alias));
        var mapping = client.indices().getMapping(m -> m.index(IndexSetup.firstIndex(alias)))
                .get(IndexSetup.firstIndex(alias)).mappings();
        assertThat(mapping.properties().get("contentHash").isKeyword()).isTrue();
    }

    @Test
    void shouldRollTheAliasOverWhenAFieldChangedItsType() throws Exception {
        ObjectNode older = IndexTemplate.articles().mappings().deepCopy();
        ((ObjectNode) older.get("properties")).putObject("wordCount").put("type", "keyword");
        createFirstIndex(older);

        new IndexSetup(client, alias, alias).ensure();

        Map<String, IndexAliases> aliases = client.indices().getAlias(a -> a.name(alias)).aliases();
        String second = alias + "-000002";
        assertThat(aliases).containsOnlyKeys(IndexSetup.firstIndex(alias), second);
        assertThat(aliases.get(second).aliases().get(alias).isWriteIndex()).isTrue();
        assertThat(aliases.get(IndexSetup.firstIndex(alias)).aliases().get(alias).isWriteIndex()).isFalse();
        var mapping = client.indices().getMapping(m -> m.index(second)).get(second).mappings();
        assertThat(mapping.properties().get("wordCount").isInteger()).isTrue();
        // a second start finds everything up to date and rolls over no further
        new IndexSetup(client, alias, alias).ensure();
        assertThat(client.indices().getAlias(a -> a.name(alias)).aliases()).hasSize(2);
    }

    private void createFirstIndex(ObjectNode mappings) throws Exception {
        client.indices().create(c -> c.index(IndexSetup.firstIndex(alias))
                .mappings(TypeMapping.of(m -> m.withJson(new StringReader(mappings.toString()))))
                .aliases(alias, a -> a.isWriteIndex(true)));
    }

    private static void ensure(IndexSetup setup) {
        try {
            setup.ensure();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
