package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;
import java.time.Duration;
import java.util.Objects;

/**
 * How instances share the feeds: the {@code ingest.group.*} keys.
 *
 * @param groupId {@code group.id}: the Kafka consumer group of ingest's instances; default
 *     {@code <ledgerTopic>.group}. Instances with one group id share the feeds; every instance of a group must use
 *     the same ledger topic
 * @param sessionTimeout {@code group.sessionTimeout}: an instance that stops answering (killed, cut off) loses its
 *     feeds to the others after this long (6s to 5min)
 * @param ledgerPartitions {@code group.ledgerPartitions}: partitions the ledger topic is created with, when ingest
 *     creates it; feeds are hashed by host onto them, so at most this many instances get feeds (1 to 1000)
 */
public record GroupSettings(String groupId, Duration sessionTimeout, int ledgerPartitions) {

    public GroupSettings {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    }

    public static final Setting<String> ID = Setting.string("id", "", "the Kafka consumer group of ingest's"
                    + " instances; instances with one group id share the feeds (and must use one ledger topic)")
            .defaultShownAs("`<ledgerTopic>.group`")
            .check(id -> !id.isBlank(), "not blank", id -> "the group id must not be blank");
    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration("sessionTimeout", Duration.ofSeconds(10),
                    "an instance that stops answering loses its feeds to the others after this long (the broker's"
                    + " default group.min/max.session.timeout.ms bound it)")
            .between(Duration.ofSeconds(6), Duration.ofMinutes(5));
    public static final Setting<Integer> LEDGER_PARTITIONS = Setting.integer("ledgerPartitions", 12, 1, 1000,
            "partitions of the ledger topic when ingest creates it: feeds are hashed by host onto"
            + " them, so at most this many instances get feeds; an existing topic keeps its own count");
    public static final SettingsSection SECTION = SettingsSection.of("ingest.group", ID, SESSION_TIMEOUT,
            LEDGER_PARTITIONS);

    static GroupSettings from(ConfigNode root, String ledgerTopic) {
        ConfigNode group = SECTION.node(root);
        return new GroupSettings(ID.readOr(group, ledgerTopic + ".group"), SESSION_TIMEOUT.read(group),
                LEDGER_PARTITIONS.read(group));
    }
}
