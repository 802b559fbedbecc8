package io.newsflow.app.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code newsflow up} prints once the demo feeds are indexed: what is in the index, read back from Elasticsearch
 * (articles and spam lines removed per source, the top speakers), and queries to paste, with the real address.
 *
 * @param articles documents in the index
 * @param sources per feed: articles and spam lines removed by rule
 * @param speakers the speakers with the most statements, most first
 * @param sampleWord a word from an indexed title, for the text search example
 */
public record Summary(long articles, List<Source> sources, List<String> speakers, String sampleWord) {

    /** One feed's articles in the index and the spam lines removed from them, by rule. */
    public record Source(String name, long articles, Map<String, Long> spamByRule) {
        long spamLines() {
            return spamByRule.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGGREGATIONS = """
            {"size": 1, "track_total_hits": true, "_source": ["title"], "sort": [{"fetchedAt": "desc"}],
             "aggs": {
               "sources": {"terms": {"field": "feedName", "size": 50, "missing": "(no feed name)"},
                 "aggs": {"spam": {"nested": {"path": "spamRemoved"},
                   "aggs": {"rules": {"terms": {"field": "spamRemoved.rule", "size": 20}}}}}},
               "statements": {"nested": {"path": "statements"},
                 "aggs": {"speakers": {"terms": {"field": "statements.speaker.name", "size": 5}}}}}}""";

    /** Reads the summary from the index behind {@code alias}. */
    public static Summary query(HttpClient http, String elasticsearchUrl, String alias)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/" + alias + "/_search"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AGGREGATIONS, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Elasticsearch answered " + response.statusCode() + " to a search of " + alias);
        }
        return parse(JSON.readTree(response.body()));
    }

    static Summary parse(JsonNode answer) {
        long total = answer.path("hits").path("total").path("value").asLong();
        List<Source> sources = new ArrayList<>();
        for (JsonNode bucket : answer.path("aggregations").path("sources").path("buckets")) {
            Map<String, Long> rules = new LinkedHashMap<>();
            for (JsonNode rule : bucket.path("spam").path("rules").path("buckets")) {
                rules.put(rule.path("key").asText(), rule.path("doc_count").asLong());
            }
            sources.add(new Source(bucket.path("key").asText(), bucket.path("doc_count").asLong(), rules));
        }
        sources.sort(Comparator.comparing(Source::name));
        List<String> speakers = new ArrayList<>();
        for (JsonNode bucket : answer.path("aggregations").path("statements").path("speakers").path("buckets")) {
            speakers.add(bucket.path("key").asText());
        }
        String title = answer.path("hits").path("hits").path(0).path("_source").path("title").asText("");
        return new Summary(total, sources, speakers, longestWord(title));
    }

    static String longestWord(String title) {
        String best = "";
        for (String word : title.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > best.length()) {
                best = word;
            }
        }
        return best.toLowerCase(Locale.ROOT);
    }

    /**
     * The summary and the queries.
     *
     * @param firstIndexed time from the start of {@code up} to the first indexed article
     * @param lastProblem the last problem a service logged (the broken demo feed), or null
     */
    public String render(String elasticsearchUrl, String alias, Duration firstIndexed, String lastProblem) {
        return render(elasticsearchUrl, alias, firstIndexed, lastProblem, "");
    }

    /** The same, with {@code sourceHealth} (lines of {@code newsflow sources}) printed before the queries. */
    public String render(String elasticsearchUrl, String alias, Duration firstIndexed, String lastProblem,
            String sourceHealth) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nnewsflow is up: %d article%s indexed; the first %.1f s after start.%n%n",
                articles, articles == 1 ? "" : "s", firstIndexed.toMillis() / 1000.0));
        int width = Math.max(20, sources.stream().mapToInt(s -> s.name().length()).max().orElse(0));
        out.append(String.format(Locale.ROOT, "  %-" + width + "s  %8s  %s%n", "source", "articles", "spam lines removed"));
        for (Source source : sources) {
            String spam = source.spamLines() == 0 ? "0" : source.spamLines() + " (" + source.spamByRule().entrySet()
                    .stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  %8d  %s%n", source.name(), source.articles(), spam));
        }
        if (!speakers.isEmpty()) {
            out.append("\n  top speakers: ").append(String.join(", ", speakers)).append('\n');
        }
        if (lastProblem != null && !lastProblem.isBlank()) {
            out.append("  last error (the broken demo feed shows what one looks like): ").append(lastProblem.strip())
                    .append('\n');
        }
        out.append(sourceHealth);
        String search = elasticsearchUrl + "/" + alias + "/_search?pretty";
        out.append("\nTry these (Elasticsearch at ").append(elasticsearchUrl).append("):\n\n");
        out.append("  # search the text\n");
        out.append(curl(search, """
                {"query": {"multi_match": {"query": "%s", "fields": ["title", "text"]}},
                   "_source": ["title", "feedName", "language", "url"]}""".formatted(jsonText(sampleWord))));
        if (!speakers.isEmpty()) {
            String speaker = jsonText(speakers.getFirst());
            out.append("\n  # what ").append(speakers.getFirst()).append(" said: statements are nested, so speaker,")
                    .append(" act and quotes come from one statement\n");
            out.append(curl(search, """
                    {"_source": ["title"], "query": {"nested": {"path": "statements",
                       "query": {"term": {"statements.speaker.name": "%s"}},
                       "inner_hits": {"size": 20, "_source": ["statements.act", "statements.text", "statements.quotes", "statements.via"]}}}}"""
                    .formatted(speaker)));
        }
        out.append("\n  # which spam was removed from which source, and by which rule\n");
        out.append(curl(search, """
                {"query": {"nested": {"path": "spamRemoved", "query": {"match_all": {}}}},
                   "_source": ["feedName", "title", "spamRemoved"]}"""));
        return out.toString();
    }

    private static String curl(String url, String body) {
        return "  curl -s '" + url + "' -H 'Content-Type: application/json' -d '"
                + body.replace("'", "'\\''").replaceAll("\\s*\n\\s*", " ") + "'\n";
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
