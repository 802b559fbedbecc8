package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How ingest publishes: the {@code ingest.instanceName} and the {@code ingest.publish.*} keys.
 *
 * @param instanceName {@code instanceName}: this ingest instance's stable name; default the host name
 * @param transactionalId {@code publish.transactionalId}: the producer's {@code transactional.id}; default
 *     {@code <ledgerTopic>.<instanceName>}. An instance restarted under the same id fences its predecessor and
 *     aborts what it left open; two live instances must never share one
 * @param commitInterval {@code publish.commitInterval}: a transaction commits this long after its first article
 *     (every article sent meanwhile, by any feed, joins it)
 * @param maxPerTransaction {@code publish.maxPerTransaction}: a transaction commits early once it holds this many
 *     articles (or ledger-only units)
 * @param maxRetryBackoff {@code publish.maxRetryBackoff}: the longest wait between two attempts while the broker
 *     fails (timeouts, no leader); attempts go on without limit
 */
public record PublishSettings(String instanceName, String transactionalId, Duration commitInterval,
        int maxPerTransaction, Duration maxRetryBackoff) {
    private static final String ID_CHARS = "[a-zA-Z0-9._-]{1,200}";

    public PublishSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        if (maxPerTransaction < 1) {
            throw new IllegalArgumentException("maxPerTransaction must be at least 1, was " + maxPerTransaction);
        }
    }

    public static final Setting<String> INSTANCE_NAME = Setting.string("instanceName", "ingest",
                    "this instance's stable name; part of the default transactional id")
            .defaultShownAs("the host name (`HOSTNAME`)")
            .check(name -> name.matches(ID_CHARS), "1 to 200 of `a-z A-Z 0-9 . _ -`", name -> "'" + name
                    + "' is not a usable instance name (1 to 200 letters, digits, '.', '_', '-')");
    public static final Setting<String> TRANSACTIONAL_ID = Setting.string("transactionalId", "",
                    "the producer's `transactional.id`; a restarted instance under the same id fences its"
                    + " predecessor, two live instances must never share one")
            .defaultShownAs("`<ledgerTopic>.<instanceName>`")
            .check(id -> !id.isBlank(), "not blank", id -> "the transactional id must not be blank");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("commitInterval",
                    Duration.ofMillis(100), "a transaction commits this long after its first article (a transaction"
                    + " open longer holds back every read_committed reader of the raw topic)")
            .between(Duration.ZERO, Duration.ofSeconds(30));
    public static final Setting<Integer> MAX_PER_TRANSACTION = Setting.integer("maxPerTransaction", 500, 1, 100_000,
            "a transaction commits early once it holds this many articles");
    public static final Setting<Duration> MAX_RETRY_BACKOFF = Setting.duration("maxRetryBackoff",
                    Duration.ofSeconds(30), "the longest wait between two attempts while the broker fails; attempts"
                    + " go on without limit")
            .atLeast(Duration.ofMillis(100));
    public static final SettingsSection INSTANCE = SettingsSection.of("ingest", INSTANCE_NAME);
    public static final SettingsSection SECTION = SettingsSection.of("ingest.publish", TRANSACTIONAL_ID,
            COMMIT_INTERVAL, MAX_PER_TRANSACTION, MAX_RETRY_BACKOFF);

    /** Binds {@code ingest.instanceName} and {@code ingest.publish.*}; problems go to the node's source. */
    static PublishSettings from(ConfigNode root, String ledgerTopic) {
        String instance = INSTANCE_NAME.readOr(INSTANCE.node(root), defaultInstanceName(System.getenv()));
        ConfigNode publish = SECTION.node(root);
        String transactionalId = TRANSACTIONAL_ID.readOr(publish, ledgerTopic + "." + instance);
        Duration commitInterval = COMMIT_INTERVAL.read(publish);
        Duration maxRetryBackoff = MAX_RETRY_BACKOFF.read(publish);
        return new PublishSettings(instance, transactionalId, commitInterval, MAX_PER_TRANSACTION.read(publish),
                maxRetryBackoff);
    }

    /** {@code HOSTNAME} when set (containers set it), else this machine's host name, else {@code ingest}. */
    static String defaultInstanceName(Map<String, String> env) {
        String fromEnv = env.get("HOSTNAME");
        if (fromEnv != null && fromEnv.matches(ID_CHARS)) {
            return fromEnv;
        }
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.matches(ID_CHARS) ? host : "ingest";
        } catch (UnknownHostException e) {
            return "ingest";
        }
    }
}
