package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
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

    /** Binds the keys of {@code root.ingest}; problems go to the node's source. */
    static PublishSettings from(ConfigNode ingest, String ledgerTopic) {
        String instance = ingest.string("instanceName", defaultInstanceName(System.getenv()));
        if (!instance.matches(ID_CHARS)) {
            ingest.problem("instanceName", "'" + instance + "' is not a usable instance name (1 to 200 letters,"
                    + " digits, '.', '_', '-')");
            instance = "ingest";
        }
        ConfigNode publish = ingest.section("publish");
        String id = publish.string("transactionalId", ledgerTopic + "." + instance);
        if (id.isBlank()) {
            publish.problem("transactionalId", "the transactional id must not be blank");
            id = ledgerTopic + "." + instance;
        }
        Duration interval = publish.duration("commitInterval", Duration.ofMillis(100));
        if (interval.isNegative() || interval.compareTo(Duration.ofSeconds(30)) > 0) {
            publish.problem("commitInterval", interval + " is out of range: 0ms to 30s (a transaction that"
                    + " stays open longer holds back every read_committed reader of the raw topic)");
            interval = Duration.ofMillis(100);
        }
        Duration backoff = publish.duration("maxRetryBackoff", Duration.ofSeconds(30));
        if (backoff.compareTo(Duration.ofMillis(100)) < 0) {
            publish.problem("maxRetryBackoff", backoff + " is too short; the least is 100ms");
            backoff = Duration.ofSeconds(30);
        }
        return new PublishSettings(instance, id, interval, publish.integer("maxPerTransaction", 500, 1, 100_000),
                backoff);
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
