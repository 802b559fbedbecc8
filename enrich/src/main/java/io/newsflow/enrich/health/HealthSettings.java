package io.newsflow.enrich.health;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import java.time.Duration;

/**
 * The {@code enrich.health} section: the source-health app that runs beside the enricher in the {@code enrich}
 * service (docs/sources.md).
 *
 * @param enabled whether the {@code enrich} service runs it
 * @param applicationId its own Kafka Streams application id (consumer group, prefix of its internal topics)
 * @param commitInterval how often it commits; each commit ends an exactly-once transaction, and a state change is
 *     news within seconds, so it commits less often than the enricher and costs the shared broker less
 * @param rule the thresholds of the state rule
 */
public record HealthSettings(boolean enabled, String applicationId, Duration commitInterval, HealthRule rule) {
    private static final HealthRule D = HealthRule.DEFAULTS;
    public static final Setting<Boolean> ENABLED = Setting.bool("enabled", true,
            "the enrich service runs source health beside the enricher");
    public static final Setting<String> APPLICATION_ID = KafkaSettings.applicationId("newsflow-source-health",
            "its own Kafka Streams application id");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("commitInterval", Duration.ofSeconds(1),
                    "how often it commits (each commit ends an exactly-once transaction)")
            .between(Duration.ofMillis(10), Duration.ofMinutes(1));
    public static final Setting<Integer> MIN_SPAM_ARTICLES = Setting.integer("minSpamArticles", D.minSpamArticles(),
            1, 1_000_000, "fewest spam-carrying articles in a 1h / 24h / 7d window that make a source COMPROMISED");
    public static final Setting<Double> MIN_SPAM_SHARE = Setting.decimal("minSpamShare", D.minSpamShare(), 0, 1,
                    "and the least share of the window's articles they must be")
            .check(share -> share > 0, "above 0", share -> "must be above 0 (a share of spam-carrying articles,"
                    + " e.g. 0.1), got " + share);
    public static final Setting<Duration> RECOVERY_PERIOD = Setting.duration("recoveryPeriod", D.recoveryPeriod(),
                    "no spam for this long makes a COMPROMISED source RECOVERED ...")
            .between(HealthRule.HOUR, HealthRule.WEEK);
    public static final Setting<Integer> MIN_CLEAN_ARTICLES = Setting.integer("minCleanArticles",
            D.minCleanArticles(), 1, 1_000_000, "... with at least this many clean articles since the last spam one");
    public static final Setting<Integer> SAMPLES = Setting.integer("samples", D.maxSamples(), 0, 50,
            "spam lines kept as evidence per episode");
    public static final SettingsSection SECTION = SettingsSection.of("enrich.health", ENABLED, APPLICATION_ID,
            COMMIT_INTERVAL, MIN_SPAM_ARTICLES, MIN_SPAM_SHARE, RECOVERY_PERIOD, MIN_CLEAN_ARTICLES, SAMPLES);

    public static final String DEFAULT_APPLICATION_ID = APPLICATION_ID.defaultValue();
    public static final Duration DEFAULT_COMMIT_INTERVAL = COMMIT_INTERVAL.defaultValue();

    public static HealthSettings defaults() {
        return new HealthSettings(true, DEFAULT_APPLICATION_ID, DEFAULT_COMMIT_INTERVAL, HealthRule.DEFAULTS);
    }

    /** Binds {@code enrich.health.*}; every problem is recorded on the config source with its location. */
    public static HealthSettings from(ConfigNode root) {
        ConfigNode health = SECTION.node(root);
        return new HealthSettings(ENABLED.read(health), APPLICATION_ID.read(health), COMMIT_INTERVAL.read(health),
                new HealthRule(MIN_SPAM_ARTICLES.read(health), MIN_SPAM_SHARE.read(health),
                        RECOVERY_PERIOD.read(health), MIN_CLEAN_ARTICLES.read(health), SAMPLES.read(health)));
    }
}
