package io.newsflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
    private final KafkaSettings kafka = new KafkaSettings("broker:9092", Map.of("security.protocol", "SSL"));

    @Test
    void shouldStartEveryClientFromTheServersAndTheUsersProperties() {
        assertThat(kafka.clientConfig()).containsExactlyInAnyOrderEntriesOf(
                Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SSL"));
    }

    @Test
    void shouldGiveACommittedReaderItsClientIdReadCommittedAndNoAutoCommit() {
        assertThat(kafka.committedReaderConfig("newsflow-sink"))
                .containsEntry("bootstrap.servers", "broker:9092").containsEntry("security.protocol", "SSL")
                .containsEntry("client.id", "newsflow-sink").containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false);
    }
}
