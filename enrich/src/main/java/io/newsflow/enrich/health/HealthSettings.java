package io.newsflow.enrich.health;

import io.newsflow.common.config.ConfigNode;
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
    public static final String DEFAULT_APPLICATION_ID = "newsflow-source-health";
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

    public static HealthSettings defaults() {
        return new HealthSettings(true, DEFAULT_APPLICATION_ID, DEFAULT_COMMIT_INTERVAL, HealthRule.DEFAULTS);
    }

    /** Binds {@code enrich.health.*}; every problem is recorded on the config source with its location. */
    public static HealthSettings from(ConfigNode root) {
        ConfigNode health = root.section("enrich").section("health");
        HealthRule d = HealthRule.DEFAULTS;
        boolean enabled = health.bool("enabled", true);
        String applicationId = health.string("applicationId", DEFAULT_APPLICATION_ID);
        if (!applicationId.matches("[a-zA-Z0-9._-]+")) {
            health.problem("applicationId", "'" + applicationId + "' may hold only letters, digits, '.', '_' and '-'");
            applicationId = DEFAULT_APPLICATION_ID;
        }
        Duration commitInterval = health.duration("commitInterval", DEFAULT_COMMIT_INTERVAL);
        if (commitInterval.compareTo(Duration.ofMillis(10)) < 0 || commitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            health.problem("commitInterval", "must be between 10ms and 1m, got " + commitInterval);
            commitInterval = DEFAULT_COMMIT_INTERVAL;
        }
        int minSpamArticles = health.integer("minSpamArticles", d.minSpamArticles(), 1, 1_000_000);
        double minSpamShare = health.decimal("minSpamShare", d.minSpamShare(), 0, 1);
        if (minSpamShare <= 0) {
            health.problem("minSpamShare", "must be above 0 (a share of spam-carrying articles, e.g. 0.1), got "
                    + minSpamShare);
            minSpamShare = d.minSpamShare();
        }
        Duration recovery = health.duration("recoveryPeriod", d.recoveryPeriod());
        if (recovery.compareTo(HealthRule.HOUR) < 0 || recovery.compareTo(HealthRule.WEEK) > 0) {
            health.problem("recoveryPeriod", "must be between 1h and 7d, got " + recovery);
            recovery = d.recoveryPeriod();
        }
        int minClean = health.integer("minCleanArticles", d.minCleanArticles(), 1, 1_000_000);
        int samples = health.integer("samples", d.maxSamples(), 0, 50);
        return new HealthSettings(enabled, applicationId, commitInterval,
                new HealthRule(minSpamArticles, minSpamShare, recovery, minClean, samples));
    }
}
