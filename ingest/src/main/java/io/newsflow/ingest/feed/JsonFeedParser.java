package io.newsflow.ingest.feed;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.ingest.feed.FeedRejected.Reason;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) with Jackson, within bounded nesting and sizes. */
final class JsonFeedParser {

    private final ObjectMapper mapper;

    JsonFeedParser(FeedLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxDocumentLength(limits.maxFeedBytes())
                        .maxStringLength(Math.max(limits.maxContentChars(), limits.maxSummaryChars()) * 4)
                        .maxNumberLength(64)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    ParsedFeed parse(CharsetResolver.Decoded decoded, URI base, FeedLimits limits, String feed) throws FeedRejected {
        JsonNode root;
        try {
            root = mapper.readTree(decoded.text());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new FeedRejected(Reason.MALFORMED, feed + ": not well-formed JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        }
        String version = root == null ? "" : root.path("version").asText("");
        // The spec's version is a jsonfeed.org URL; feeds in the wild also write "1.1". An items array decides.
        if (root == null || !root.isObject() || !root.path("items").isArray()
                || !(version.contains("jsonfeed.org/version/1") || version.startsWith("1"))) {
            throw new FeedRejected(Reason.NOT_A_FEED, feed + ": JSON without a JSON Feed version and an items"
                    + " array is not a JSON Feed");
        }
        String format = version.endsWith("1.1") ? "json_1.1" : "json_1.0";
        List<String> warnings = new ArrayList<>(decoded.warnings());
        FieldLimiter limiter = new FieldLimiter(limits, base);
        for (JsonNode item : root.path("items")) {
            if (!item.isObject()) {
                continue;
            }
            String content = text(item, "content_html");
            if (content == null && text(item, "content_text") != null) {
                content = Html.escape(text(item, "content_text"));
            }
            List<String> tags = new ArrayList<>();
            item.path("tags").forEach(tag -> {
                if (tag.isTextual()) {
                    tags.add(tag.asText());
                }
            });
            String link = text(item, "url") != null ? text(item, "url") : text(item, "external_url");
            limiter.add(text(item, "id"), link, text(item, "title"), authors(item), date(item, warnings, "date_published", "date_modified"),
                    date(item, warnings, "date_modified"),
                    text(item, "summary"), content, tags);
        }
        warnings.addAll(limiter.warnings());
        return new ParsedFeed(limiter.cut(text(root, "title"), limits.maxTitleChars(), "feed title"),
                limiter.link(text(root, "home_page_url")), java.util.Optional.empty(), limiter.items(), format,
                decoded.encoding(), warnings);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** 1.1 "authors" array, else 1.0 "author" object. */
    private static String authors(JsonNode item) {
        List<String> names = new ArrayList<>();
        item.path("authors").forEach(author -> {
            if (text(author, "name") != null) {
                names.add(text(author, "name"));
            }
        });
        if (names.isEmpty() && text(item.path("author"), "name") != null) {
            names.add(text(item.path("author"), "name"));
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** The first of these fields that holds a readable date; an unreadable one is a warning. */
    private static Instant date(JsonNode item, List<String> warnings, String... fields) {
        for (String field : fields) {
            String value = text(item, field);
            if (value != null) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e) {
                    warnings.add("unreadable " + field + " '" + value + "'");
                }
            }
        }
        return null;
    }
}
