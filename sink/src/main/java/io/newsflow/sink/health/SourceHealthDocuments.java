package io.newsflow.sink.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.avro.HealthEvidence;
import io.newsflow.avro.SourceHealth;
import io.newsflow.avro.SpamSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code sources.health} event as the Elasticsearch document of the source-health indices (mapping:
 * {@code source-health-mappings.json} beside this class), and the ids it is written under: the source in the
 * current-state index (one document per source), source, time and state in the transitions index.
 */
public final class SourceHealthDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPINGS = "source-health-mappings.json";

    private SourceHealthDocuments() {}

    public static Map<String, Object> document(SourceHealth event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", event.getSource());
        doc.put("site", event.getSite());
        doc.put("state", event.getState().name());
        doc.put("previousState", event.getPreviousState() == null ? null : event.getPreviousState().name());
        doc.put("changedAt", iso(event.getChangedAt()));
        doc.put("reason", event.getReason());
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("size", event.getWindow().getSize());
        window.put("start", iso(event.getWindow().getStart()));
        window.put("end", iso(event.getWindow().getEnd()));
        doc.put("window", window);
        HealthEvidence e = event.getEvidence();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("articles", e.getArticles());
        evidence.put("spamArticles", e.getSpamArticles());
        evidence.put("spamLines", e.getSpamLines());
        evidence.put("spamLinesByRule", new TreeMap<>(e.getSpamLinesByRule()));
        evidence.put("spamRules", new ArrayList<>(new TreeMap<>(e.getSpamLinesByRule()).keySet()));
        evidence.put("firstSpamArticleId", e.getFirstSpamArticleId());
        evidence.put("firstSpamUrl", e.getFirstSpamUrl());
        evidence.put("firstSpamAt", iso(e.getFirstSpamAt()));
        evidence.put("lastSpamAt", iso(e.getLastSpamAt()));
        List<Map<String, Object>> samples = new ArrayList<>();
        for (SpamSample sample : e.getSamples()) {
            samples.add(Map.of("articleId", sample.getArticleId(), "rule", sample.getRule(), "text", sample.getText()));
        }
        evidence.put("samples", samples);
        doc.put("evidence", evidence);
        return doc;
    }

    /** Id in the current-state index: the source, so each source has one document, its latest state. */
    public static String currentId(SourceHealth event) {
        return event.getSource();
    }

    /** Version of the current-state document: the change's time, so an older event never replaces a newer one. */
    public static long version(SourceHealth event) {
        return event.getChangedAt().toEpochMilli();
    }

    /** Id in the transitions index: one per change, the same again when the event is read twice. */
    public static String transitionId(SourceHealth event) {
        return event.getSource() + "|" + event.getChangedAt().toEpochMilli() + "|" + event.getState();
    }

    /** The indices' mappings. */
    public static JsonNode mappings() {
        try (InputStream in = SourceHealthDocuments.class.getResourceAsStream(MAPPINGS)) {
            if (in == null) {
                throw new IllegalStateException("mapping resource " + MAPPINGS + " is missing");
            }
            return JSON.readTree(in);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + MAPPINGS, ex);
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
