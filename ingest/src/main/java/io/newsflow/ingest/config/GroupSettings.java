package io.newsflow.ingest.config;

import io.newsflow.common.config.ConfigNode;
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

    static GroupSettings from(ConfigNode ingest, String ledgerTopic) {
        ConfigNode group = ingest.section("group");
        String id = group.string("id", ledgerTopic + ".group");
        if (id.isBlank()) {
            group.problem("id", "the group id must not be blank");
            id = ledgerTopic + ".group";
        }
        Duration session = group.duration("sessionTimeout", Duration.ofSeconds(10));
        if (session.compareTo(Duration.ofSeconds(6)) < 0 || session.compareTo(Duration.ofMinutes(5)) > 0) {
            group.problem("sessionTimeout", session + " is out of range: 6s to 5min (the broker's default"
                    + " group.min.session.timeout.ms and group.max.session.timeout.ms)");
            session = Duration.ofSeconds(10);
        }
        return new GroupSettings(id, session, group.integer("ledgerPartitions", 12, 1, 1000));
    }
}
