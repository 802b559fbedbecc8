package io.newsflow.sink;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.sink.errors.ErrorAction;
import io.newsflow.sink.errors.ErrorRule;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sink:} section of the configuration. Defaults are documented in {@code docs/sink.md}.
 *
 * @param groupId {@code sink.groupId}: the consumer group on the clean topic
 * @param elasticsearch {@code sink.elasticsearch}
 * @param index {@code sink.index}
 * @param bulk {@code sink.bulk}
 * @param maxInFlight {@code sink.maxInFlight}: records held in memory (in flight, waiting for a retry or for their
 *     dead letter's acknowledgement) before every partition is paused
 * @param commitInterval {@code sink.commitInterval}: how often acknowledged offsets are committed
 * @param retry {@code sink.retry}
 * @param breaker {@code sink.breaker}
 * @param errorPolicy {@code sink.errorPolicy}: rules that take precedence over the default error table
 */
public record SinkSettings(
        String groupId,
        Elasticsearch elasticsearch,
        Index index,
        Bulk bulk,
        int maxInFlight,
        Duration commitInterval,
        Retry retry,
        Breaker breaker,
        List<ErrorRule> errorPolicy) {

    public static final String DEFAULT_GROUP_ID = "newsflow-sink";

    public SinkSettings {
        errorPolicy = List.copyOf(errorPolicy);
    }

    /**
     * Where Elasticsearch is and how to log in.
     *
     * @param urls {@code sink.elasticsearch.urls}: one or more base URLs
     * @param username {@code sink.elasticsearch.username}: basic authentication, with {@code password}
     * @param password {@code sink.elasticsearch.password}
     * @param apiKey {@code sink.elasticsearch.apiKey}: the encoded API key, instead of username and password
     */
    public record Elasticsearch(List<URI> urls, Optional<String> username, Optional<String> password,
            Optional<String> apiKey) {
        @Override
        public String toString() {
            // never print credentials
            return "Elasticsearch[urls=" + urls + ", username=" + username.orElse("-")
                    + ", password=" + (password.isPresent() ? "***" : "-")
                    + ", apiKey=" + (apiKey.isPresent() ? "***" : "-") + "]";
        }
    }

    /**
     * @param alias {@code sink.index.alias}: the write alias every write goes through
     * @param template {@code sink.index.template}: the index template's name
     */
    public record Index(String alias, String template) {}

    /**
     * How records are grouped into bulk requests (elasticsearch-java's {@code BulkIngester}).
     *
     * @param maxActions {@code sink.bulk.maxActions}: operations per request
     * @param maxBytes {@code sink.bulk.maxBytes}: request size
     * @param flushInterval {@code sink.bulk.flushInterval}: a partial request is sent after this long
     * @param concurrentRequests {@code sink.bulk.concurrentRequests}: requests in flight at once
     */
    public record Bulk(int maxActions, long maxBytes, Duration flushInterval, int concurrentRequests) {}

    /**
     * Backoff of every retry. Environment faults are retried without an attempt limit.
     *
     * @param backoffBase {@code sink.retry.backoffBase}: the first retry waits about this long
     * @param backoffMax {@code sink.retry.backoffMax}: no retry waits longer
     */
    public record Retry(Duration backoffBase, Duration backoffMax) {}

    /**
     * The circuit breaker that turns "the same rejection for many records in a row" into an environment fault.
     *
     * @param threshold {@code sink.breaker.threshold}: distinct records in a row refused with the same error (type
     *     and normalised reason, no success between them) that open the breaker
     * @param verdictTimeout {@code sink.breaker.verdictTimeout}: how long a refused record waits for a neighbour's
     *     success before it is dead-lettered anyway (fewer than {@code threshold} alike, so its own fault)
     */
    public record Breaker(int threshold, Duration verdictTimeout) {}

    /** The defaults, as {@code docs/sink.md} lists them. */
    public static SinkSettings defaults() {
        return new SinkSettings(DEFAULT_GROUP_ID,
                new Elasticsearch(List.of(URI.create("http://127.0.0.1:9200")), Optional.empty(), Optional.empty(),
                        Optional.empty()),
                new Index("articles", "articles"),
                new Bulk(1000, 5_000_000L, Duration.ofSeconds(1), 2),
                5000,
                Duration.ofSeconds(1),
                new Retry(Duration.ofMillis(500), Duration.ofSeconds(60)),
                new Breaker(10, Duration.ofSeconds(30)),
                List.of());
    }

    /** Binds the {@code sink:} section; problems are recorded on the config source, defaults returned for them. */
    public static SinkSettings from(ConfigNode root) {
        SinkSettings defaults = defaults();
        ConfigNode sink = root.section("sink");

        ConfigNode es = sink.section("elasticsearch");
        List<URI> urls = new ArrayList<>();
        for (String url : es.strings("urls", List.of("http://127.0.0.1:9200"))) {
            URI uri = parseUrl(url);
            if (uri == null) {
                es.problem("urls", "'" + url + "' is not an http(s) URL such as http://127.0.0.1:9200");
            } else {
                urls.add(uri);
            }
        }
        if (urls.isEmpty()) {
            urls = defaults.elasticsearch().urls();
        }
        Optional<String> username = es.optionalString("username");
        Optional<String> password = es.optionalString("password");
        Optional<String> apiKey = es.optionalString("apiKey");
        if (username.isPresent() != password.isPresent()) {
            es.problem(username.isPresent() ? "password" : "username", "username and password go together");
        }
        if (apiKey.isPresent() && username.isPresent()) {
            es.problem("apiKey", "give either an API key or a username and password, not both");
        }

        ConfigNode index = sink.section("index");
        String alias = index.string("alias", defaults.index().alias());
        if (!alias.matches("[a-z0-9][a-z0-9._-]*")) {
            index.problem("alias", "'" + alias + "' is not a legal index alias (lowercase letters, digits, '.', '_', '-')");
            alias = defaults.index().alias();
        }
        String template = index.string("template", defaults.index().template());

        ConfigNode bulk = sink.section("bulk");
        Bulk bulkSettings = new Bulk(
                bulk.integer("maxActions", defaults.bulk().maxActions(), 1, 100_000),
                bulk.longValue("maxBytes", defaults.bulk().maxBytes(), 1024, 100_000_000L),
                positive(bulk, "flushInterval", defaults.bulk().flushInterval()),
                bulk.integer("concurrentRequests", defaults.bulk().concurrentRequests(), 1, 64));

        ConfigNode retry = sink.section("retry");
        Duration backoffBase = positive(retry, "backoffBase", defaults.retry().backoffBase());
        Duration backoffMax = positive(retry, "backoffMax", defaults.retry().backoffMax());
        if (backoffMax.compareTo(backoffBase) < 0) {
            retry.problem("backoffMax", "must not be shorter than backoffBase (" + backoffBase + ")");
            backoffMax = backoffBase;
        }
        Retry retrySettings = new Retry(backoffBase, backoffMax);

        ConfigNode breaker = sink.section("breaker");
        Breaker breakerSettings = new Breaker(
                breaker.integer("threshold", defaults.breaker().threshold(), 2, 100_000),
                positive(breaker, "verdictTimeout", defaults.breaker().verdictTimeout()));

        return new SinkSettings(
                sink.string("groupId", defaults.groupId()),
                new Elasticsearch(List.copyOf(urls), username, password, apiKey),
                new Index(alias, template),
                bulkSettings,
                sink.integer("maxInFlight", defaults.maxInFlight(), 1, 1_000_000),
                positive(sink, "commitInterval", defaults.commitInterval()),
                retrySettings,
                breakerSettings,
                errorRules(sink));
    }

    private static List<ErrorRule> errorRules(ConfigNode sink) {
        List<ErrorRule> rules = new ArrayList<>();
        for (ConfigNode entry : sink.list("errorPolicy")) {
            Optional<String> error = entry.optionalString("error");
            boolean hasStatus = entry.has("status");
            ErrorAction action = entry.enumValue("action", ErrorAction.class, null);
            if (action == null) {
                entry.problem("needs an action: retry, dead_letter or fatal");
                continue;
            }
            if (error.isPresent() == hasStatus) {
                entry.problem("needs exactly one of error (an Elasticsearch error type) or status (an HTTP status)");
                continue;
            }
            rules.add(error.isPresent()
                    ? ErrorRule.type(error.get(), action)
                    : ErrorRule.status(entry.integer("status", 0, 100, 599), action));
        }
        return rules;
    }

    private static Duration positive(ConfigNode node, String key, Duration defaultValue) {
        Duration value = node.duration(key, defaultValue);
        if (value.isZero() || value.isNegative()) {
            node.problem(key, "must be longer than zero");
            return defaultValue;
        }
        return value;
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
