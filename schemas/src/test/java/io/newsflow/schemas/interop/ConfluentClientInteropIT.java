package io.newsflow.schemas.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.avro.Block;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.avro.Statement;
import io.newsflow.schemas.serde.AvroSerdeConfig;
import io.newsflow.schemas.serde.AvroSerializer;
import io.newsflow.schemas.testdata.TestRecords;
import io.newsflow.stack.StackEndpoints;
import io.newsflow.stack.junit.StackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proof that other services can consume our topics: a client nobody here wrote (npm's
 * {@code @kafkajs/confluent-schema-registry}) decodes, against the real Apicurio registry, what our serializer wrote.
 */
@ExtendWith(StackExtension.class)
class ConfluentClientInteropIT {

    @Test
    void shouldDecodeEveryFieldOfOurSerializersCleanArticleWithConfluentsClient(StackEndpoints endpoints) throws Exception {
        String topic = "interop-" + UUID.randomUUID();
        CleanArticle article = TestRecords.cleanArticle().build();
        byte[] wireBytes;
        try (AvroSerializer<CleanArticle> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl()), false);
            wireBytes = serializer.serialize(topic, article);
        }

        JsonNode decoded = new ObjectMapper()
                .readTree(ThirdPartyDecoder.install().decode(endpoints.registryUrl(), wireBytes));

        assertThat(fieldNames(decoded)).containsExactlyElementsOf(
                CleanArticle.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
        assertThat(decoded.get("id").asText()).isEqualTo(article.getId());
        assertThat(decoded.get("url").asText()).isEqualTo(article.getUrl());
        assertThat(decoded.get("canonicalUrl").asText()).isEqualTo(article.getCanonicalUrl());
        assertThat(decoded.get("feedUrl").asText()).isEqualTo(article.getFeedUrl());
        assertThat(decoded.get("feedName").asText()).isEqualTo(article.getFeedName());
        assertThat(decoded.get("site").asText()).isEqualTo(article.getSite());
        assertThat(texts(decoded.get("tags"))).isEqualTo(article.getTags());
        assertThat(decoded.get("title").asText()).isEqualTo(article.getTitle());
        assertThat(decoded.get("byline").asText()).isEqualTo(article.getByline());
        assertThat(decoded.get("publishedAt").asLong()).isEqualTo(article.getPublishedAt().toEpochMilli());
        assertThat(decoded.get("fetchedAt").asLong()).isEqualTo(article.getFetchedAt().toEpochMilli());
        assertThat(decoded.get("processedAt").asLong()).isEqualTo(article.getProcessedAt().toEpochMilli());
        assertThat(decoded.get("language").asText()).isEqualTo(article.getLanguage());
        assertThat(decoded.get("credit").asText()).isEqualTo(article.getCredit());
        assertBlock(decoded.get("lead").get(0), article.getLead().getFirst());
        assertThat(decoded.get("sections").get(0).get("heading").asText())
                .isEqualTo(article.getSections().getFirst().getHeading());
        assertBlock(decoded.get("sections").get(0).get("blocks").get(0),
                article.getSections().getFirst().getBlocks().getFirst());
        assertStatement(decoded.get("statements").get(0), article.getStatements().getFirst());
        SpamRemoval spam = article.getSpamRemoved().getFirst();
        assertThat(decoded.get("spamRemoved").get(0).get("text").asText()).isEqualTo(spam.getText());
        assertThat(decoded.get("spamRemoved").get(0).get("rule").asText()).isEqualTo(spam.getRule());
        assertThat(decoded.get("spamRemoved").get(0).get("ruleVersion").asInt()).isEqualTo(spam.getRuleVersion());
        assertThat(decoded.get("text").asText()).isEqualTo(article.getText());
        assertThat(decoded.get("wordCount").asInt()).isEqualTo(article.getWordCount());
        assertThat(decoded.get("contentHash").asText()).isEqualTo(article.getContentHash());
        assertThat(decoded.get("enricherVersion").asText()).isEqualTo(article.getEnricherVersion());
    }

    private static void assertBlock(JsonNode decoded, Block block) {
        assertThat(decoded.get("kind").asText()).isEqualTo(block.getKind().name());
        assertThat(decoded.get("text").asText()).isEqualTo(block.getText());
    }

    private static void assertStatement(JsonNode decoded, Statement statement) {
        assertThat(decoded.get("section").asInt()).isEqualTo(statement.getSection());
        assertThat(decoded.get("block").asInt()).isEqualTo(statement.getBlock());
        assertThat(decoded.get("text").asText()).isEqualTo(statement.getText());
        assertThat(decoded.get("speaker").get("name").asText()).isEqualTo(statement.getSpeaker().getName());
        assertThat(decoded.get("speaker").get("role").asText()).isEqualTo(statement.getSpeaker().getRole());
        assertThat(decoded.get("act").asText()).isEqualTo(statement.getAct().name());
        assertThat(texts(decoded.get("quotes"))).isEqualTo(statement.getQuotes());
        assertThat(decoded.get("via").asText()).isEqualTo(statement.getVia());
        assertThat(decoded.get("start").asInt()).isEqualTo(statement.getStart());
        assertThat(decoded.get("end").asInt()).isEqualTo(statement.getEnd());
        assertThat(decoded.get("confidence").floatValue()).isEqualTo(statement.getConfidence());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
