package io.newsflow.app.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The articles of some indices as they were when the snapshot was opened: an Elasticsearch point in time, so a
 * replay compares what the index held before it with what it holds after, however much was written meanwhile.
 * {@link #documents()} pages through it in id order ({@code search_after}), a page in memory at a time.
 */
final class IndexSnapshot implements AutoCloseable {
    private static final String KEEP_ALIVE = "10m";
    private static final int PAGE = 500;
    private static final List<String> FIELDS = List.of("id", "text", "spamRemoved", "statements");

    private final ElasticsearchClient client;
    private String pit;

    private IndexSnapshot(ElasticsearchClient client, String pit) {
        this.client = client;
        this.pit = pit;
    }

    /** Refreshes the indices (so what was indexed is in the snapshot) and opens a point in time on them. */
    static IndexSnapshot open(ElasticsearchClient client, List<String> indices) throws IOException {
        client.indices().refresh(r -> r.index(indices));
        return new IndexSnapshot(client,
                client.openPointInTime(o -> o.index(indices).keepAlive(k -> k.time(KEEP_ALIVE))).id());
    }

    /** Keeps the point in time open for another {@value #KEEP_ALIVE} (a replay longer than that calls it on the way). */
    void keepAlive() throws IOException {
        pit = client.search(s -> s.size(0).pit(p -> p.id(pit).keepAlive(k -> k.time(KEEP_ALIVE))), JsonNode.class)
                .pitId();
    }

    /** The documents in id order, as (id, source) with the fields a {@link ReplaySummary} compares. */
    Iterator<Map.Entry<String, JsonNode>> documents() {
        return new Iterator<>() {
            private final Deque<Map.Entry<String, JsonNode>> page = new ArrayDeque<>();
            private List<FieldValue> after;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (page.isEmpty() && !exhausted) {
                    fetch();
                }
                return !page.isEmpty();
            }

            @Override
            public Map.Entry<String, JsonNode> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.removeFirst();
            }

            private void fetch() {
                SearchResponse<JsonNode> response;
                try {
                    response = client.search(s -> {
                        s.size(PAGE).pit(p -> p.id(pit).keepAlive(k -> k.time(KEEP_ALIVE)))
                                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                                .source(src -> src.filter(f -> f.includes(FIELDS)));
                        return after == null ? s : s.searchAfter(after);
                    }, JsonNode.class);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot page through the point in time", e);
                }
                if (response.pitId() != null) {
                    pit = response.pitId();
                }
                List<Hit<JsonNode>> hits = response.hits().hits();
                hits.forEach(h -> page.addLast(Map.entry(h.id(), h.source())));
                exhausted = hits.size() < PAGE;
                if (!hits.isEmpty()) {
                    after = hits.getLast().sort();
                }
            }
        };
    }

    /**
     * Compares two snapshots article by article (a merge of the two id-ordered streams): an id in both is compared,
     * one only before is no longer an article, one only after is new. A second document of an id (an id in two
     * generations of one side) is skipped.
     */
    static ReplaySummary compare(IndexSnapshot before, IndexSnapshot after) {
        return compare(before.documents(), after.documents());
    }

    /** {@link #compare(IndexSnapshot, IndexSnapshot)} on two id-ordered streams of (id, document). */
    static ReplaySummary compare(Iterator<Map.Entry<String, JsonNode>> b, Iterator<Map.Entry<String, JsonNode>> a) {
        ReplaySummary summary = new ReplaySummary();
        Map.Entry<String, JsonNode> x = nextDistinct(b, null);
        Map.Entry<String, JsonNode> y = nextDistinct(a, null);
        while (x != null || y != null) {
            int order = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
            if (order == 0) {
                summary.add(outcome(x), outcome(y));
                x = nextDistinct(b, x.getKey());
                y = nextDistinct(a, y.getKey());
            } else if (order < 0) {
                summary.add(outcome(x), null);
                x = nextDistinct(b, x.getKey());
            } else {
                summary.add(null, outcome(y));
                y = nextDistinct(a, y.getKey());
            }
        }
        return summary;
    }

    private static Map.Entry<String, JsonNode> nextDistinct(Iterator<Map.Entry<String, JsonNode>> it, String last) {
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> next = it.next();
            if (!next.getKey().equals(last)) {
                return next;
            }
        }
        return null;
    }

    private static ReplaySummary.Outcome outcome(Map.Entry<String, JsonNode> doc) {
        return ReplaySummary.Outcome.ofDocument(doc.getKey(), doc.getValue());
    }

    @Override
    public void close() throws IOException {
        client.closePointInTime(c -> c.id(pit));
    }
}
