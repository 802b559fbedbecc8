package io.newsflow.ingest.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Durations;
import io.newsflow.common.yaml.YamlBinding.Located;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Binds a {@code feeds:} list, the same in the main config file and in a {@code feeds.d/*.yml} file, with Jackson
 * onto {@link FeedDoc}s (unknown keys and wrong types are reported by the binding, with file, line and path). An
 * entry is a bare URL or a section:
 *
 * <pre>
 * feeds:
 *   - https://example.org/rss
 *   - url: https://example.com/atom.xml
 *     name: Example
 *     pollInterval: 10m
 *     language: en
 *     tags: [world, politics]
 *     userAgent: "newsflow-special/1.0"
 *     allowPrivateAddress: false
 * </pre>
 */
public final class FeedBinder {
    static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final TypeReference<List<Located<FeedDoc>>> FEEDS = new TypeReference<>() {};

    private FeedBinder() {}

    /** One entry of a feeds list as written: a bare URL, or the keys of a section. */
    static final class FeedDoc {
        final Located<String> url;
        final String name;
        final Located<String> pollInterval;
        final Located<String> language;
        final List<String> tags;
        final String userAgent;
        final Boolean allowPrivateAddress;
        final boolean bare;

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        FeedDoc(@JsonProperty("url") Located<String> url, @JsonProperty("name") String name,
                @JsonProperty("pollInterval") Located<String> pollInterval,
                @JsonProperty("language") Located<String> language,
                @JsonProperty("tags") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                List<String> tags,
                @JsonProperty("userAgent") String userAgent,
                @JsonProperty("allowPrivateAddress") Boolean allowPrivateAddress) {
            this(url, name, pollInterval, language, tags, userAgent, allowPrivateAddress, false);
        }

        private FeedDoc(Located<String> url, String name, Located<String> pollInterval, Located<String> language,
                List<String> tags, String userAgent, Boolean allowPrivateAddress, boolean bare) {
            this.url = url;
            this.name = name;
            this.pollInterval = pollInterval;
            this.language = language;
            this.tags = tags;
            this.userAgent = userAgent;
            this.allowPrivateAddress = allowPrivateAddress;
            this.bare = bare;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static FeedDoc bare(String url) {
            return new FeedDoc(new Located<>(url, 0, ""), null, null, null, null, null, null, true);
        }
    }

    /** Every valid entry of {@code section.feeds}; invalid entries are reported on the node's source and skipped. */
    public static List<FeedSpec> bindList(ConfigNode section, boolean allowFileUrls) {
        List<FeedSpec> feeds = new ArrayList<>();
        section.bindList("feeds", FEEDS, entry -> bind(section, entry, allowFileUrls).ifPresent(feeds::add));
        return List.copyOf(feeds);
    }

    private static Optional<FeedSpec> bind(ConfigNode section, Located<FeedDoc> entry, boolean allowFileUrls) {
        FeedDoc feed = entry.value();
        if (feed == null) {
            section.problemAt(entry, "", "an empty entry; write a URL or a section with url:");
            return Optional.empty();
        }
        String origin = section.locationOf(entry);
        if (feed.bare) {
            return checkedUrl(section, entry, feed.url.value(), allowFileUrls).map(url -> FeedSpec.ofUrl(url, origin));
        }
        boolean hasUrl = feed.url != null && feed.url.value() != null && !feed.url.value().isBlank();
        if (!hasUrl) {
            section.problemAt(entry, "url", "is required");
        }
        Duration interval = pollInterval(section, feed.pollInterval);
        String language = text(feed.language);
        if (language != null && !language.matches("[a-zA-Z]{2}")) {
            section.problemAt(feed.language, "", "'" + language + "' is not a two-letter ISO 639-1 code (en, fr, id)");
            language = null;
        }
        List<String> tags = feed.tags == null ? List.of() : feed.tags.stream()
                .filter(tag -> tag != null)
                .flatMap(tag -> Arrays.stream(tag.split(",")))
                .map(String::trim).filter(tag -> !tag.isEmpty()).toList();
        boolean allowPrivate = Boolean.TRUE.equals(feed.allowPrivateAddress);
        if (!hasUrl) {
            return Optional.empty();
        }
        String lowerLanguage = language == null ? null : language.toLowerCase(Locale.ROOT);
        String name = feed.name == null ? null : feed.name.trim();
        String userAgent = feed.userAgent == null ? null : feed.userAgent.trim();
        return checkedUrl(section, feed.url, feed.url.value(), allowFileUrls).map(valid -> new FeedSpec(
                valid, name, interval, lowerLanguage, tags, userAgent, allowPrivate, origin));
    }

    private static Duration pollInterval(ConfigNode section, Located<String> written) {
        String text = text(written);
        if (text == null) {
            return null;
        }
        Duration interval = Durations.parse(text);
        if (interval == null) {
            section.problemAt(written, "", "'" + text + "' is not a duration; write it like 250ms, 30s, 5m, 2h or 1d");
            return null;
        }
        if (interval.compareTo(MIN_POLL_INTERVAL) < 0) {
            section.problemAt(written, "", Durations.format(interval) + " is too short; the least is 1s");
            return null;
        }
        return interval;
    }

    private static String text(Located<String> written) {
        return written == null || written.value() == null || written.value().isBlank() ? null : written.value().trim();
    }

    /** {@code at} is the entry for a bare URL, else its url key. */
    private static Optional<String> checkedUrl(ConfigNode section, Located<?> at, String url, boolean allowFileUrls) {
        Optional<String> problem = FeedUrls.problemWith(url, allowFileUrls);
        if (problem.isPresent()) {
            section.problemAt(at, "", problem.get());
            return Optional.empty();
        }
        return Optional.of(url.trim());
    }
}
