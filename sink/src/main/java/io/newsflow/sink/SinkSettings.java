package io.newsflow.sink;

import com.fasterxml.jackson.core.type.TypeReference;
import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Durations;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import io.newsflow.common.yaml.YamlBinding.Located;
import io.newsflow.sink.errors.ErrorAction;
import io.newsflow.sink.errors.ErrorRule;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

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

    public static final Setting<String> GROUP_ID = Setting.string("groupId", "newsflow-sink",
            "the consumer group on the clean topic");
    public static final Setting<Integer> MAX_IN_FLIGHT = Setting.integer("maxInFlight", 5000, 1, 1_000_000,
            "records held in memory (in flight, waiting for a retry or a dead letter's acknowledgement) before every"
            + " partition is paused");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("commitInterval", Duration.ofSeconds(1),
            "how often acknowledged offsets are committed").positive();
    public static final SettingsSection SECTION = SettingsSection.of("sink", GROUP_ID, MAX_IN_FLIGHT,
            COMMIT_INTERVAL);

    public static final Setting<List<String>> URLS = Setting.strings("urls", List.of("http://127.0.0.1:9200"),
                    "one or more Elasticsearch base URLs")
            .check(urls -> urls.stream().allMatch(url -> parseUrl(url) != null), "http(s) URLs",
                    urls -> urls.stream().filter(url -> parseUrl(url) == null)
                            .map(url -> "'" + url + "' is not an http(s) URL such as http://127.0.0.1:9200")
                            .collect(Collectors.joining("; ")));
    public static final Setting<Optional<String>> USERNAME = Setting.optionalString("username",
            "basic authentication, with `password`");
    public static final Setting<Optional<String>> PASSWORD = Setting.optionalString("password",
            "basic authentication, with `username`");
    public static final Setting<Optional<String>> API_KEY = Setting.optionalString("apiKey",
            "the encoded API key, instead of username and password");
    public static final SettingsSection ELASTICSEARCH = SettingsSection.of("sink.elasticsearch", URLS, USERNAME,
            PASSWORD, API_KEY);

    public static final Setting<String> ALIAS = Setting.string("alias", "articles",
                    "the write alias every write goes through; backing indices are `<alias>-000001`, ...")
            .check(alias -> alias.matches("[a-z0-9][a-z0-9._-]*"), "`a-z 0-9 . _ -`", alias -> "'" + alias
                    + "' is not a legal index alias (lowercase letters, digits, '.', '_', '-')");
    public static final Setting<String> TEMPLATE = Setting.string("template", "articles",
            "the index template's name (matches `<alias>-*`)");
    public static final SettingsSection INDEX = SettingsSection.of("sink.index", ALIAS, TEMPLATE);

    public static final Setting<Integer> MAX_ACTIONS = Setting.integer("maxActions", 1000, 1, 100_000,
            "operations per bulk request");
    public static final Setting<Long> MAX_BYTES = Setting.longValue("maxBytes", 5_000_000L, 1024, 100_000_000L,
            "bytes per bulk request");
    public static final Setting<Duration> FLUSH_INTERVAL = Setting.duration("flushInterval", Duration.ofSeconds(1),
            "a partial bulk request is sent after this long").positive();
    public static final Setting<Integer> CONCURRENT_REQUESTS = Setting.integer("concurrentRequests", 2, 1, 64,
            "bulk requests in flight at once");
    public static final SettingsSection BULK = SettingsSection.of("sink.bulk", MAX_ACTIONS, MAX_BYTES, FLUSH_INTERVAL,
            CONCURRENT_REQUESTS);

    public static final Setting<Duration> BACKOFF_BASE = Setting.duration("backoffBase", Duration.ofMillis(500),
            "the first retry waits between half of this and this").positive();
    public static final Setting<Duration> BACKOFF_MAX = Setting.duration("backoffMax", Duration.ofSeconds(60),
            "no retry waits longer (not shorter than `backoffBase`); environment faults are retried without an"
            + " attempt limit").positive();
    public static final SettingsSection RETRY = SettingsSection.of("sink.retry", BACKOFF_BASE, BACKOFF_MAX);

    public static final Setting<Integer> THRESHOLD = Setting.integer("threshold", 10, 2, 100_000,
            "distinct records in a row refused with the same error that open the circuit breaker"
            + " ([docs/sink.md](sink.md#circuit-breaker))");
    public static final Setting<Duration> VERDICT_TIMEOUT = Setting.duration("verdictTimeout", Duration.ofSeconds(30),
            "how long a refused record waits for a neighbour's success before it is dead-lettered anyway").positive();
    public static final SettingsSection BREAKER = SettingsSection.of("sink.breaker", THRESHOLD, VERDICT_TIMEOUT);

    /** Every section of {@code sink:} but the error policy list. */
    public static final List<SettingsSection> SECTIONS = List.of(SECTION, ELASTICSEARCH, INDEX, BULK, RETRY, BREAKER);

    public static final String DEFAULT_GROUP_ID = GROUP_ID.defaultValue();

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

    /** The defaults, as the declarations above give them. */
    public static SinkSettings defaults() {
        return new SinkSettings(GROUP_ID.defaultValue(),
                new Elasticsearch(URLS.defaultValue().stream().map(URI::create).toList(), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                new Index(ALIAS.defaultValue(), TEMPLATE.defaultValue()),
                new Bulk(MAX_ACTIONS.defaultValue(), MAX_BYTES.defaultValue(), FLUSH_INTERVAL.defaultValue(),
                        CONCURRENT_REQUESTS.defaultValue()),
                MAX_IN_FLIGHT.defaultValue(),
                COMMIT_INTERVAL.defaultValue(),
                new Retry(BACKOFF_BASE.defaultValue(), BACKOFF_MAX.defaultValue()),
                new Breaker(THRESHOLD.defaultValue(), VERDICT_TIMEOUT.defaultValue()),
                List.of());
    }

    /** Binds the {@code sink:} section; problems are recorded on the config source, defaults returned for them. */
    public static SinkSettings from(ConfigNode root) {
        ConfigNode sink = SECTION.node(root);

        ConfigNode es = ELASTICSEARCH.node(root);
        List<URI> urls = URLS.read(es).stream().map(URI::create).toList();
        Optional<String> username = USERNAME.read(es);
        Optional<String> password = PASSWORD.read(es);
        Optional<String> apiKey = API_KEY.read(es);
        if (username.isPresent() != password.isPresent()) {
            es.problem(username.isPresent() ? "password" : "username", "username and password go together");
        }
        if (apiKey.isPresent() && username.isPresent()) {
            es.problem("apiKey", "give either an API key or a username and password, not both");
        }

        ConfigNode index = INDEX.node(root);
        ConfigNode bulk = BULK.node(root);
        ConfigNode retry = RETRY.node(root);
        Duration backoffBase = BACKOFF_BASE.read(retry);
        Duration backoffMax = BACKOFF_MAX.read(retry);
        if (backoffMax.compareTo(backoffBase) < 0) {
            retry.problem("backoffMax", "must not be shorter than backoffBase (" + Durations.format(backoffBase) + ")");
            backoffMax = backoffBase;
        }
        ConfigNode breaker = BREAKER.node(root);

        return new SinkSettings(
                GROUP_ID.read(sink),
                new Elasticsearch(urls, username, password, apiKey),
                new Index(ALIAS.read(index), TEMPLATE.read(index)),
                new Bulk(MAX_ACTIONS.read(bulk), MAX_BYTES.read(bulk), FLUSH_INTERVAL.read(bulk),
                        CONCURRENT_REQUESTS.read(bulk)),
                MAX_IN_FLIGHT.read(sink),
                COMMIT_INTERVAL.read(sink),
                new Retry(backoffBase, backoffMax),
                new Breaker(THRESHOLD.read(breaker), VERDICT_TIMEOUT.read(breaker)),
                errorRules(sink));
    }

    /** An entry of {@code sink.errorPolicy} as written (bound by Jackson). */
    record ErrorPolicyEntry(String error, Located<Integer> status, Located<String> action) {}

    private static final TypeReference<List<Located<ErrorPolicyEntry>>> ERROR_POLICY = new TypeReference<>() {};

    private static List<ErrorRule> errorRules(ConfigNode sink) {
        List<ErrorRule> rules = new ArrayList<>();
        sink.bindList("errorPolicy", ERROR_POLICY, located -> errorRule(sink, located).ifPresent(rules::add));
        return rules;
    }

    private static Optional<ErrorRule> errorRule(ConfigNode sink, Located<ErrorPolicyEntry> located) {
        ErrorPolicyEntry entry = located.value();
        if (entry == null) {
            sink.problemAt(located, "", "an empty entry; write error: or status:, and action:");
            return Optional.empty();
        }
        ErrorAction action = action(sink, entry.action());
        if (action == null) {
            sink.problemAt(located, "", "needs an action: retry, dead_letter or fatal");
            return Optional.empty();
        }
        boolean hasError = entry.error() != null && !entry.error().isBlank();
        boolean hasStatus = entry.status() != null && entry.status().value() != null;
        if (hasError == hasStatus) {
            sink.problemAt(located, "", "needs exactly one of error (an Elasticsearch error type) or status (an HTTP"
                    + " status)");
            return Optional.empty();
        }
        if (hasStatus && (entry.status().value() < 100 || entry.status().value() > 599)) {
            sink.problemAt(entry.status(), "", entry.status().value() + " is out of range; allowed 100 to 599");
            return Optional.empty();
        }
        return Optional.of(hasError ? ErrorRule.type(entry.error().trim(), action)
                : ErrorRule.status(entry.status().value(), action));
    }

    private static ErrorAction action(ConfigNode sink, Located<String> written) {
        if (written == null || written.value() == null || written.value().isBlank()) {
            return null;
        }
        String wanted = written.value().trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (ErrorAction action : ErrorAction.values()) {
            if (action.name().equals(wanted)) {
                return action;
            }
        }
        sink.problemAt(written, "", "'" + written.value() + "' is not one of "
                + Arrays.stream(ErrorAction.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList());
        return null;
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
