package io.newsflow.ingest.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The headers of a response, looked up case-insensitively, with typed accessors for the ones ingest uses. */
public final class ResponseHeaders {

    public static final ResponseHeaders EMPTY = new ResponseHeaders(Map.of());

    private final Map<String, List<String>> values;

    private ResponseHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Headers from name/value pairs in arrival order; names compare case-insensitively. */
    public static ResponseHeaders of(List<Map.Entry<String, String>> pairs) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> pair : pairs) {
            map.computeIfAbsent(pair.getKey(), key -> new ArrayList<>()).add(pair.getValue());
        }
        map.replaceAll((name, list) -> List.copyOf(list));
        return new ResponseHeaders(Collections.unmodifiableMap(map));
    }

    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Map<String, List<String>> asMap() {
        return values;
    }

    /** The raw Content-Type header, for example {@code text/xml; charset=utf-8}. */
    public Optional<String> contentType() {
        return first("Content-Type");
    }

    /** The media type of Content-Type, lower case, without parameters. */
    public Optional<String> mediaType() {
        return contentType().map(ContentType::parse).map(ContentType::mediaType).filter(type -> !type.isEmpty());
    }

    /** The charset parameter of Content-Type, as the server spelled it. */
    public Optional<String> charset() {
        return contentType().map(ContentType::parse).flatMap(ContentType::charset);
    }

    public Optional<String> etag() {
        return first("ETag");
    }

    public Optional<String> lastModified() {
        return first("Last-Modified");
    }

    public Optional<String> cacheControl() {
        return first("Cache-Control");
    }

    public Optional<String> contentLocation() {
        return first("Content-Location");
    }

    /** Retry-After as a wait from {@code now}: delta-seconds or an HTTP date. */
    public Optional<Duration> retryAfter(Instant now) {
        return first("Retry-After").flatMap(value -> parseRetryAfter(value.trim(), now));
    }

    /** The wait a 429 (too many requests) or 503 (unavailable) answer asked for; empty for any other status. */
    public Optional<Duration> waitAskedFor(int status, Instant now) {
        return status == 429 || status == 503 ? retryAfter(now) : Optional.empty();
    }

    /** The max-age of Cache-Control, if the server declared one. */
    public Optional<Duration> maxAge() {
        return cacheControl().flatMap(value -> {
            for (String directive : value.split(",")) {
                String d = directive.trim().toLowerCase(Locale.ROOT);
                if (d.startsWith("max-age=")) {
                    try {
                        return Optional.of(Duration.ofSeconds(Long.parseLong(d.substring(8).trim())));
                    } catch (NumberFormatException ignored) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    private static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 10) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
