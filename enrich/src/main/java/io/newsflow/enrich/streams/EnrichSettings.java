package io.newsflow.enrich.streams;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.Durations;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.pipeline.CleaningLimits;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import io.newsflow.enrich.rules.InvalidRulesException;
import io.newsflow.enrich.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The {@code enrich} section of the configuration.
 *
 * @param applicationId Kafka Streams application id: consumer group, prefix of internal topics and of the state dir
 * @param stateDir where the dedup store keeps its local copy (restored from its changelog when lost)
 * @param dedupTtl how long an article id is remembered after it was last seen
 * @param threads stream threads
 * @param commitInterval how often a stream thread commits; under exactly-once each commit ends a transaction, so this
 *     is both the least latency added and the cost per transaction (BENCHMARKS.md, pipeline)
 * @param minWords fewest words a cleaned body may have and still be an article
 * @param rules user spam rule files laid over the built-in rules, in order ({@code enrich.rules})
 * @param lexicons user lexicon files for statement tagging, in order ({@code enrich.lexicons})
 * @param rulesCheckInterval how often enrich looks for a changed user rule or lexicon file; zero turns it off
 * @param languages ISO 639-1 candidates of language detection
 * @param preciseLanguage lingua's full mode instead of low-accuracy mode (about 400 MB more heap)
 * @param registryWait how a stream thread waits out a Schema Registry that cannot be asked
 * @param limits input bounds of one article: page bytes, HTML elements, time budget
 */
public record EnrichSettings(
        String applicationId,
        Path stateDir,
        Duration dedupTtl,
        int threads,
        Duration commitInterval,
        int minWords,
        List<Path> rules,
        List<Path> lexicons,
        Duration rulesCheckInterval,
        List<String> languages,
        boolean preciseLanguage,
        RegistryWait registryWait,
        CleaningLimits limits) {

    public static final Setting<String> APPLICATION_ID = KafkaSettings.applicationId("newsflow-enrich",
            "Kafka Streams application id (consumer group, internal topic prefix)");
    public static final Setting<String> STATE_DIR = Setting.string("stateDir", ".newsflow/enrich-state",
            "local state of the dedup store (restored from its changelog when lost)");
    public static final Setting<Duration> DEDUP_TTL = Setting.duration("dedupTtl", Duration.ofDays(7),
            "forget an article id not seen for this long").atLeast(Duration.ofMinutes(1));
    public static final Setting<Integer> THREADS = Setting.integer("threads", 1, 1, 64, "stream threads");
    /** Kafka Streams' own default under exactly-once. */
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("commitInterval", Duration.ofMillis(100),
                    "how often a stream thread commits. Under exactly-once every commit ends a"
                    + " transaction: `1s` gave 17 % more throughput than `100ms` in the pipeline benchmark and adds at"
                    + " most 0.9 s of latency ([BENCHMARKS.md](../BENCHMARKS.md#pipeline))")
            .between(Duration.ofMillis(10), Duration.ofMinutes(1));
    public static final Setting<Integer> MIN_WORDS = Setting.integer("minWords", ArticleCleaner.DEFAULT_MIN_WORDS, 1,
            10_000, "fewest words of an article (after cleaning)");
    public static final Setting<List<String>> RULES = Setting.strings("rules", List.of(),
            "user spam rule files laid over the built-in rules (a path or a list, read in order;"
            + " [format](enrich.md#rule-file-format))");
    public static final Setting<List<String>> LEXICONS = Setting.strings("lexicons", List.of(),
            "user lexicon files for statement tagging (a path or a list, read in order; format in"
            + " [docs/statements.md](statements.md))");
    public static final Setting<Duration> RULES_CHECK_INTERVAL = Setting.duration("rulesCheckInterval",
                    Duration.ofSeconds(5), "how often enrich looks for a changed rule or lexicon file and reloads it"
                    + " ([changing rules](enrich.md#changing-rules-while-enrich-runs))")
            .check(d -> d.isZero() || d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0,
                    "`0s` (off) or 100ms to 1h",
                    d -> "must be 0 (off) or between 100ms and 1h, got " + Durations.format(d));
    public static final Setting<List<String>> LANGUAGES = Setting.strings("languages",
                    LanguageGuesser.DEFAULT_CANDIDATES, "language candidates (ISO 639-1) for lingua; languages of a one-language script"
                    + " (el, th, ko, ...) need none")
            .check(codes -> codes.size() >= 2, "at least two",
                    codes -> "needs at least two ISO 639-1 codes, got " + codes);
    public static final Setting<Boolean> PRECISE_LANGUAGE = Setting.bool("preciseLanguage", false,
            "lingua's full mode (≈ 400 MB of models instead of ≈ 30 MB, ≈ 50 s to load here)");
    public static final Setting<Duration> REGISTRY_WAIT_MAX = Setting.duration("registryWaitMax",
                    Duration.ofSeconds(30), "longest a stream thread waits in one go for a Schema Registry that cannot"
                    + " be asked; then it hands the record back and a new thread resumes from the committed offsets"
                    + " ([failure classification](enrich.md#failure-classification))")
            .between(Duration.ofSeconds(1), Duration.ofMinutes(2));
    public static final Setting<Duration> REGISTRY_BACKOFF_MAX = Setting.duration("registryBackoffMax",
                    Duration.ofSeconds(5), "cap of the doubling backoff between registry attempts; at most `registryWaitMax`")
            .atLeast(Duration.ofMillis(100));
    public static final Setting<Long> MAX_PAGE_BYTES = Setting.longValue("maxPageBytes",
            CleaningLimits.DEFAULT_MAX_PAGE_BYTES, 1024, 1L << 30, "a page body over this many bytes is cut to its first bytes;"
            + " recorded in `degraded`");
    public static final Setting<Integer> MAX_ELEMENTS = Setting.integer("maxElements",
            CleaningLimits.DEFAULT_MAX_ELEMENTS, 1_000, 10_000_000, "HTML elements of a page read, in document order; recorded in"
            + " `degraded`");
    public static final Setting<Duration> TIME_BUDGET = Setting.duration("timeBudget", CleaningLimits.DEFAULT_TIME_BUDGET,
                    "time one article may take before the optional stages left are skipped;"
                    + " recorded in `degraded`")
            .between(Duration.ofMillis(10), Duration.ofMinutes(10));
    public static final SettingsSection SECTION = SettingsSection.of("enrich", APPLICATION_ID, STATE_DIR, DEDUP_TTL,
            THREADS, COMMIT_INTERVAL, MIN_WORDS, RULES, LEXICONS, RULES_CHECK_INTERVAL, LANGUAGES, PRECISE_LANGUAGE,
            REGISTRY_WAIT_MAX, REGISTRY_BACKOFF_MAX, MAX_PAGE_BYTES, MAX_ELEMENTS, TIME_BUDGET);

    public static final String DEFAULT_APPLICATION_ID = APPLICATION_ID.defaultValue();
    public static final String DEFAULT_STATE_DIR = STATE_DIR.defaultValue();
    public static final Duration DEFAULT_DEDUP_TTL = DEDUP_TTL.defaultValue();
    public static final Duration DEFAULT_COMMIT_INTERVAL = COMMIT_INTERVAL.defaultValue();
    public static final Duration DEFAULT_RULES_CHECK_INTERVAL = RULES_CHECK_INTERVAL.defaultValue();

    public EnrichSettings {
        rules = List.copyOf(rules);
        lexicons = List.copyOf(lexicons);
        languages = List.copyOf(languages);
        Objects.requireNonNull(registryWait, "registryWait");
        Objects.requireNonNull(limits, "limits");
    }

    /** With the default input bounds. */
    public EnrichSettings(String applicationId, Path stateDir, Duration dedupTtl, int threads, Duration commitInterval,
            int minWords, List<Path> rules, List<Path> lexicons, Duration rulesCheckInterval, List<String> languages,
            boolean preciseLanguage, RegistryWait registryWait) {
        this(applicationId, stateDir, dedupTtl, threads, commitInterval, minWords, rules, lexicons, rulesCheckInterval,
                languages, preciseLanguage, registryWait, CleaningLimits.defaults());
    }

    /**
     * Waiting out a Schema Registry that cannot be asked (no answer, 5xx, 408, 429): retries back off from 100 ms,
     * doubling up to {@code backoffMax}; after {@code max} in one go the stream thread hands the record back (it is
     * replaced and resumes from the committed offsets, where it waits again), so no record is dead-lettered and no
     * thread sits in one call past the poll interval or the transaction timeout.
     *
     * @param max {@code enrich.registryWaitMax}, 1s to 2m
     * @param backoffMax {@code enrich.registryBackoffMax}, 100ms up to {@code max}
     */
    public record RegistryWait(Duration max, Duration backoffMax) {
        public static final RegistryWait DEFAULTS = new RegistryWait(REGISTRY_WAIT_MAX.defaultValue(),
                REGISTRY_BACKOFF_MAX.defaultValue());

        public RegistryWait {
            if (max.compareTo(Duration.ofSeconds(1)) < 0 || max.compareTo(Duration.ofMinutes(2)) > 0) {
                throw new IllegalArgumentException("registryWaitMax must be between 1s and 2m, got " + max);
            }
            if (backoffMax.compareTo(Duration.ofMillis(100)) < 0 || backoffMax.compareTo(max) > 0) {
                throw new IllegalArgumentException("registryBackoffMax must be between 100ms and registryWaitMax ("
                        + max + "), got " + backoffMax);
            }
        }

        static RegistryWait from(ConfigNode enrich) {
            Duration max = REGISTRY_WAIT_MAX.read(enrich);
            Duration fallback = DEFAULTS.backoffMax().compareTo(max) > 0 ? max : DEFAULTS.backoffMax();
            Duration backoffMax = REGISTRY_BACKOFF_MAX.readOr(enrich, fallback);
            if (backoffMax.compareTo(max) > 0) {
                enrich.problem("registryBackoffMax", "must be between 100ms and registryWaitMax ("
                        + Durations.format(max) + "), got " + Durations.format(backoffMax));
                backoffMax = fallback;
            }
            return new RegistryWait(max, backoffMax);
        }
    }

    /** The same settings under another application id and state dir: a replay's enricher beside the live one. */
    public EnrichSettings withApplicationId(String id, Path dir) {
        return new EnrichSettings(id, dir, dedupTtl, threads, commitInterval, minWords, rules, lexicons,
                rulesCheckInterval, languages, preciseLanguage, registryWait, limits);
    }

    /** Binds {@code enrich.*}; every problem is recorded on the config source with its location. */
    public static EnrichSettings from(ConfigNode root) {
        ConfigNode enrich = SECTION.node(root);
        List<Path> rules = RULES.read(enrich).stream().map(Path::of).toList();
        rules.stream().filter(p -> !Files.isReadable(p))
                .forEach(p -> enrich.problem("rules", "spam rule file " + p + " does not exist or cannot be read"));
        List<Path> lexicons = LEXICONS.read(enrich).stream().map(Path::of).toList();
        lexicons.stream().filter(p -> !Files.isReadable(p))
                .forEach(p -> enrich.problem("lexicons", "lexicon file " + p + " does not exist or cannot be read"));
        if (Stream.concat(rules.stream(), lexicons.stream()).allMatch(Files::isReadable)
                && !(rules.isEmpty() && lexicons.isEmpty())) {
            try {
                RuleSet.load(new RuleSet.UserFiles(rules, lexicons));
            } catch (InvalidRulesException e) {
                for (String problem : e.problems()) {
                    boolean lexicon = lexicons.stream().anyMatch(p -> problem.startsWith(p + ":"));
                    enrich.problem(lexicon ? "lexicons" : "rules", problem);
                }
            }
        }
        return new EnrichSettings(APPLICATION_ID.read(enrich), Path.of(STATE_DIR.read(enrich)), DEDUP_TTL.read(enrich),
                THREADS.read(enrich), COMMIT_INTERVAL.read(enrich), MIN_WORDS.read(enrich), rules, lexicons,
                RULES_CHECK_INTERVAL.read(enrich), LANGUAGES.read(enrich), PRECISE_LANGUAGE.read(enrich),
                RegistryWait.from(enrich), new CleaningLimits(MAX_PAGE_BYTES.read(enrich), MAX_ELEMENTS.read(enrich),
                        TIME_BUDGET.read(enrich)));
    }
}
