package io.newsflow.enrich.streams;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.enrich.pipeline.ArticleCleaner;
import io.newsflow.enrich.pipeline.CleaningLimits;
import io.newsflow.enrich.core.lang.LanguageGuesser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param spamRules user spam rule file laid over the built-in rules, if any
 * @param lexicons user lexicon files for statement tagging, if any
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
        Optional<Path> spamRules,
        List<Path> lexicons,
        List<String> languages,
        boolean preciseLanguage,
        RegistryWait registryWait,
        CleaningLimits limits) {

    public static final String DEFAULT_APPLICATION_ID = "newsflow-enrich";
    public static final String DEFAULT_STATE_DIR = ".newsflow/enrich-state";
    public static final Duration DEFAULT_DEDUP_TTL = Duration.ofDays(7);
    /** Kafka Streams' own default under exactly-once. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public EnrichSettings {
        lexicons = List.copyOf(lexicons);
        languages = List.copyOf(languages);
        Objects.requireNonNull(registryWait, "registryWait");
        Objects.requireNonNull(limits, "limits");
    }

    /** With the default input bounds. */
    public EnrichSettings(String applicationId, Path stateDir, Duration dedupTtl, int threads, Duration commitInterval,
            int minWords, Optional<Path> spamRules, List<Path> lexicons, List<String> languages, boolean preciseLanguage,
            RegistryWait registryWait) {
        this(applicationId, stateDir, dedupTtl, threads, commitInterval, minWords, spamRules, lexicons, languages,
                preciseLanguage, registryWait, CleaningLimits.defaults());
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
        public static final RegistryWait DEFAULTS = new RegistryWait(Duration.ofSeconds(30), Duration.ofSeconds(5));

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
            Duration max = enrich.duration("registryWaitMax", DEFAULTS.max());
            if (max.compareTo(Duration.ofSeconds(1)) < 0 || max.compareTo(Duration.ofMinutes(2)) > 0) {
                enrich.problem("registryWaitMax", "must be between 1s and 2m, got " + max);
                max = DEFAULTS.max();
            }
            Duration backoffMax = enrich.duration("registryBackoffMax", DEFAULTS.backoffMax());
            if (backoffMax.compareTo(Duration.ofMillis(100)) < 0 || backoffMax.compareTo(max) > 0) {
                enrich.problem("registryBackoffMax", "must be between 100ms and registryWaitMax (" + max + "), got "
                        + backoffMax);
                backoffMax = DEFAULTS.backoffMax().compareTo(max) > 0 ? max : DEFAULTS.backoffMax();
            }
            return new RegistryWait(max, backoffMax);
        }
    }

    /** Binds {@code enrich.*}; every problem is recorded on the config source with its location. */
    public static EnrichSettings from(ConfigNode root) {
        ConfigNode enrich = root.section("enrich");
        String applicationId = enrich.string("applicationId", DEFAULT_APPLICATION_ID);
        if (!applicationId.matches("[a-zA-Z0-9._-]+")) {
            enrich.problem("applicationId", "'" + applicationId + "' may hold only letters, digits, '.', '_' and '-'");
        }
        Path stateDir = Path.of(enrich.string("stateDir", DEFAULT_STATE_DIR));
        Duration ttl = enrich.duration("dedupTtl", DEFAULT_DEDUP_TTL);
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0) {
            enrich.problem("dedupTtl", "must be at least 1m, got " + ttl);
        }
        int threads = enrich.integer("threads", 1, 1, 64);
        Duration commitInterval = enrich.duration("commitInterval", DEFAULT_COMMIT_INTERVAL);
        if (commitInterval.compareTo(Duration.ofMillis(10)) < 0 || commitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            enrich.problem("commitInterval", "must be between 10ms and 1m, got " + commitInterval);
        }
        int minWords = enrich.integer("minWords", ArticleCleaner.DEFAULT_MIN_WORDS, 1, 10_000);
        Optional<Path> spamRules = enrich.optionalString("spamRules").map(Path::of);
        spamRules.filter(p -> !Files.isReadable(p))
                .ifPresent(p -> enrich.problem("spamRules", "spam rule file " + p + " does not exist or cannot be read"));
        List<Path> lexicons = enrich.strings("lexicons", List.of()).stream().map(Path::of).toList();
        lexicons.stream().filter(p -> !Files.isReadable(p))
                .forEach(p -> enrich.problem("lexicons", "lexicon file " + p + " does not exist or cannot be read"));
        List<String> languages = enrich.strings("languages", LanguageGuesser.DEFAULT_CANDIDATES);
        if (languages.size() < 2) {
            enrich.problem("languages", "needs at least two ISO 639-1 codes, got " + languages);
        }
        boolean precise = enrich.bool("preciseLanguage", false);
        RegistryWait registryWait = RegistryWait.from(enrich);
        long maxPageBytes = enrich.longValue("maxPageBytes", CleaningLimits.DEFAULT_MAX_PAGE_BYTES, 1024, 1L << 30);
        int maxElements = enrich.integer("maxElements", CleaningLimits.DEFAULT_MAX_ELEMENTS, 1_000, 10_000_000);
        Duration timeBudget = enrich.duration("timeBudget", CleaningLimits.DEFAULT_TIME_BUDGET);
        if (timeBudget.compareTo(Duration.ofMillis(10)) < 0 || timeBudget.compareTo(Duration.ofMinutes(10)) > 0) {
            enrich.problem("timeBudget", "must be between 10ms and 10m, got " + timeBudget);
            timeBudget = CleaningLimits.DEFAULT_TIME_BUDGET;
        }
        return new EnrichSettings(applicationId, stateDir, ttl, threads, commitInterval, minWords, spamRules, lexicons,
                languages, precise, registryWait, new CleaningLimits(maxPageBytes, maxElements, timeBudget));
    }
}
