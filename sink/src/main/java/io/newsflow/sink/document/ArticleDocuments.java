package io.newsflow.sink.document;

import io.newsflow.avro.Block;
import io.newsflow.avro.CleanArticle;
import io.newsflow.avro.Section;
import io.newsflow.avro.SpamRemoval;
import io.newsflow.avro.Speaker;
import io.newsflow.avro.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that turns a {@link CleanArticle} into the Elasticsearch document of the {@code articles} index
 * (its mapping is {@code io/newsflow/sink/index/articles-template.json}), and that says which version it carries.
 *
 * <p>Besides the article's own fields the document carries keyword arrays derived from the nested ones
 * ({@code statementSpeakers}, {@code statementActs}, {@code speakerActs}, {@code spamRules}) and counts
 * ({@code statementCount}, {@code spamLinesRemoved}): Kibana's Lens cannot aggregate inside nested fields, so the
 * dashboard charts these while the nested {@code statements} answer exact per-statement queries.
 */
public final class ArticleDocuments {

    /** Joins a speaker and a speech act in {@code speakerActs}: {@code "Wendy Sherman: THREATEN"}. */
    public static final String SPEAKER_ACT_SEPARATOR = ": ";

    private ArticleDocuments() {}

    /**
     * The external version of the article's document: its {@code fetchedAt} in epoch milliseconds. Written with
     * {@code version_type=external_gte}, so a newer fetch replaces an older one, a re-run of the same fetch
     * (replay, improved enricher) overwrites, and an older fetch is refused as a version conflict.
     */
    public static long version(CleanArticle article) {
        return article.getFetchedAt().toEpochMilli();
    }

    /** The document, field by field, in the order of the mapping. Absent optional fields are left out. */
    public static Map<String, Object> toDocument(CleanArticle article) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", article.getId());
        doc.put("url", article.getUrl());
        doc.put("canonicalUrl", article.getCanonicalUrl());
        doc.put("feedUrl", article.getFeedUrl());
        putIfPresent(doc, "feedName", article.getFeedName());
        doc.put("site", article.getSite());
        doc.put("tags", List.copyOf(article.getTags()));
        putIfPresent(doc, "title", article.getTitle());
        putIfPresent(doc, "byline", article.getByline());
        putIfPresent(doc, "publishedAt", instant(article.getPublishedAt()));
        doc.put("fetchedAt", instant(article.getFetchedAt()));
        doc.put("processedAt", instant(article.getProcessedAt()));
        putIfPresent(doc, "language", article.getLanguage());
        putIfPresent(doc, "credit", article.getCredit());
        doc.put("lead", article.getLead().stream().map(Block::getText).toList());
        doc.put("sections", article.getSections().stream().map(ArticleDocuments::section).toList());
        doc.put("statements", article.getStatements().stream().map(ArticleDocuments::statement).toList());
        doc.put("statementCount", article.getStatements().size());
        doc.put("statementSpeakers", distinct(article.getStatements().stream()
                .filter(s -> s.getSpeaker() != null)
                .map(s -> s.getSpeaker().getName())
                .toList()));
        doc.put("statementActs", distinct(article.getStatements().stream()
                .map(s -> s.getAct().name())
                .toList()));
        doc.put("speakerActs", distinct(article.getStatements().stream()
                .filter(s -> s.getSpeaker() != null)
                .map(s -> s.getSpeaker().getName() + SPEAKER_ACT_SEPARATOR + s.getAct().name())
                .toList()));
        doc.put("spamRemoved", article.getSpamRemoved().stream().map(ArticleDocuments::spamRemoval).toList());
        doc.put("spamRules", distinct(article.getSpamRemoved().stream().map(SpamRemoval::getRule).toList()));
        doc.put("spamLinesRemoved", article.getSpamRemoved().size());
        doc.put("text", article.getText());
        doc.put("wordCount", article.getWordCount());
        doc.put("contentHash", article.getContentHash());
        doc.put("enricherVersion", article.getEnricherVersion());
        doc.put("degraded", article.getDegraded().stream().map(degradation -> {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("stage", degradation.getStage().name());
            stage.put("cause", degradation.getCause().name());
            stage.put("error", degradation.getError());
            return stage;
        }).toList());
        return doc;
    }

    private static Map<String, Object> section(Section section) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("heading", section.getHeading());
        doc.put("text", section.getBlocks().stream().map(Block::getText).collect(Collectors.joining("\n\n")));
        return doc;
    }

    private static Map<String, Object> statement(Statement statement) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("section", statement.getSection());
        doc.put("block", statement.getBlock());
        doc.put("text", statement.getText());
        Speaker speaker = statement.getSpeaker();
        if (speaker != null) {
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("name", speaker.getName());
            putIfPresent(who, "role", speaker.getRole());
            doc.put("speaker", who);
        }
        doc.put("act", statement.getAct().name());
        doc.put("quotes", List.copyOf(statement.getQuotes()));
        putIfPresent(doc, "via", statement.getVia());
        doc.put("start", statement.getStart());
        doc.put("end", statement.getEnd());
        doc.put("confidence", statement.getConfidence());
        return doc;
    }

    private static Map<String, Object> spamRemoval(SpamRemoval removal) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", removal.getText());
        doc.put("rule", removal.getRule());
        doc.put("ruleVersion", removal.getRuleVersion());
        return doc;
    }

    private static List<String> distinct(List<String> values) {
        Set<String> seen = new LinkedHashSet<>(values);
        return new ArrayList<>(seen);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void putIfPresent(Map<String, Object> doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }
}
