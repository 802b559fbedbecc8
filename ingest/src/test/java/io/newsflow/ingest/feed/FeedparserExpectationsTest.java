package io.newsflow.ingest.feed;

import io.newsflow.stack.junit.SharedFolder;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.url.Urls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs feedparser's own {@code Expect:} expressions (EXPECTATIONS.derived.tsv) against our parser. Each row is
 * verified (true), failed (false) or not verifiable (it needs something our model does not keep: title_detail,
 * links lists, enclosures, bozo_exception types...). The failures must be exactly the known deviations below,
 * each with its reason; the results are written to target/feedparser-expectations.tsv for the docs.
 */
class FeedparserExpectationsTest {

    /** Where we knowingly differ from feedparser, and why. */
    /** Where we knowingly differ from feedparser, and why. */
    static final Map<String, String> KNOWN_DEVIATIONS = new TreeMap<>(Map.ofEntries(
            Map.entry("feedparser/tests/encoding/bozo_linenoise.xml",
                    "no statistical charset detection (chardet); the fallback chain decodes it differently"),
            Map.entry("feedparser/tests/encoding/double-encoded-html.xml",
                    "no repair of double-encoded UTF-8 (mojibake)"),
            Map.entry("feedparser/tests/illformed/chardet/koi8r.xml",
                    "no statistical charset detection (chardet); the fallback chain decodes it differently"),
            Map.entry("feedparser/tests/illformed/chardet/shiftjis.xml",
                    "no statistical charset detection (chardet); the fallback chain decodes it differently"),
            Map.entry("feedparser/tests/illformed/chardet/windows1255.xml",
                    "no statistical charset detection (chardet); the fallback chain decodes it differently"),
            Map.entry("feedparser/tests/wellformed/atom10/entry_content_base64.xml",
                    "ROME keeps base64 content of a non-text media type encoded"),
            Map.entry("feedparser/tests/wellformed/atom10/entry_content_src.xml",
                    "out-of-line content (content@src) is not kept in the model"),
            Map.entry("feedparser/tests/wellformed/base/rel_uri_with_unicode_character.xml",
                    "resolved URLs are percent-encoded (RFC 3986), feedparser keeps the raw character"),
            Map.entry("feedparser/tests/wellformed/rdf/doctype_contains_entity_decl.xml",
                    "refused on purpose: it declares an external parameter entity, the same construct as hostile/xxe-http.xml"),
            Map.entry("feedparser/tests/wellformed/rss/item_description_not_a_doctype.xml",
                    "items outside a channel are not read (ROME)"),
            Map.entry("feedparser/tests/wellformed/rss/rss_version_missing.xml",
                    "ROME names a version-less rss feed rss_2.0, feedparser 'rss'"),
            Map.entry("feedparser/tests/wellformed/sanitize/entry_content_crazy.xml",
                    "no HTML sanitising while parsing (feedparser strips scripts and comments; cleaning HTML is enrich's job)"),
            Map.entry("feedparser/tests/wellformed/sanitize/entry_content_script_cdata.xml",
                    "no HTML sanitising while parsing (feedparser strips scripts and comments; cleaning HTML is enrich's job)"),
            Map.entry("feedparser/tests/wellformed/sanitize/item_content_encoded_iframe.xml",
                    "no HTML sanitising while parsing (feedparser strips scripts and comments; cleaning HTML is enrich's job)"),
            Map.entry("feedparser/tests/wellformed/sanitize/item_content_encoded_script_nested_cdata.xml",
                    "no HTML sanitising while parsing (feedparser strips scripts and comments; cleaning HTML is enrich's job)"),
            Map.entry("feedparser/tests/wellformed/sanitize/item_description_crazy.xml",
                    "no HTML sanitising while parsing (feedparser strips scripts and comments; cleaning HTML is enrich's job)"),
            Map.entry("feedparser/tests/wellformed/sanitize/xml_malicious_comment.xml",
                    "no HTML sanitising while parsing (feedparser strips scripts and comments; cleaning HTML is enrich's job)"),
            Map.entry("feedparser/tests/wellformed/sanitize/xml_unclosed_comment.xml",
                    "no HTML sanitising while parsing (feedparser strips scripts and comments; cleaning HTML is enrich's job)"),
            Map.entry("feedparser/tests/wellformed/sgml/charref_uppercase_x.xml",
                    "feedparser rewrites an escaped character reference inside text")));

    enum Outcome { VERIFIED, FAILED, NOT_VERIFIABLE }

    record Row(String path, String expect, Outcome outcome, String note) {
    }

    @Test
    void shouldMeetFeedparsersExpectationsExceptForTheDocumentedDeviations() throws IOException {
        List<Row> rows = evaluateAll();
        Path report = Path.of("target", "feedparser-expectations.tsv");
        Files.createDirectories(report.getParent());
        StringBuilder tsv = new StringBuilder("path\toutcome\tnote\n");
        rows.forEach(row -> tsv.append(row.path()).append('\t').append(row.outcome()).append('\t')
                .append(row.note()).append('\n'));
        Files.writeString(report, tsv);

        Map<String, String> failed = new TreeMap<>();
        rows.stream().filter(row -> row.outcome() == Outcome.FAILED).forEach(row -> failed.put(row.path(), row.note()));
        assertThat(failed.keySet()).as("failed expectations:\n" + String.join("\n", failed.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList())).isEqualTo(KNOWN_DEVIATIONS.keySet());
        long verified = rows.stream().filter(row -> row.outcome() == Outcome.VERIFIED).count();
        assertThat(rows).hasSize(86);
        assertThat(verified).as("verified expectations").isGreaterThanOrEqualTo(VERIFIED_AT_LEAST);
    }

    /** Raised only when a change verifies more; lowering it needs a reason in the docs. */
    static final long VERIFIED_AT_LEAST = 54;

    static List<Row> evaluateAll() throws IOException {
        Path feeds = SharedFolder.fixtures("feeds");
        List<String> lines = Files.readAllLines(feeds.resolve("feedparser/EXPECTATIONS.derived.tsv"));
        FeedParser parser = new FeedParser();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            String path = columns[0];
            String expect = columns[2];
            String header = columns.length > 3 ? columns[3] : "";
            URI documentUrl = URI.create("http://127.0.0.1:8097/" + path.substring(path.indexOf("tests/")));
            String contentType = null;
            if (header.regionMatches(true, 0, "Content-type:", 0, 13)) {
                contentType = header.substring(13).strip();
            } else if (header.regionMatches(true, 0, "Content-Location:", 0, 17)) {
                documentUrl = Urls.resolve(documentUrl, header.substring(17).strip()).orElseThrow();
            }
            Map<String, Object> names;
            String parsed;
            try {
                ParsedFeed feed = parser.parse(Files.readAllBytes(feeds.resolve(path)), contentType, documentUrl);
                names = FeedparserView.of(feed);
                parsed = "parsed " + feed.format() + ", " + feed.items().size() + " items, " + feed.encoding()
                        + (feed.recovered() ? ", warnings " + feed.warnings() : "");
            } catch (FeedRejected rejected) {
                names = FeedparserView.rejected();
                parsed = "rejected " + rejected.reason();
            }
            rows.add(evaluate(path, expect, names, parsed));
        }
        return rows;
    }

    private static Row evaluate(String path, String expect, Map<String, Object> names, String parsed) {
        String deviation = KNOWN_DEVIATIONS.get(path);
        try {
            boolean holds = PythonExpectation.evaluate(expect, names);
            return new Row(path, expect, holds ? Outcome.VERIFIED : Outcome.FAILED,
                    (holds ? "" : (deviation != null ? deviation + "; " : "")) + parsed);
        } catch (PythonExpectation.Unsupported unsupported) {
            boolean rejected = names.size() == 1;
            return new Row(path, expect, rejected ? Outcome.FAILED : Outcome.NOT_VERIFIABLE,
                    (rejected ? "needs " : "model has no ") + unsupported.getMessage() + "; " + parsed);
        } catch (RuntimeException broken) {
            return new Row(path, expect, Outcome.FAILED, broken.getMessage() + "; " + parsed);
        }
    }
}
