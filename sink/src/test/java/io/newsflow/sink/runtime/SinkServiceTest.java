package io.newsflow.sink.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.config.KafkaSettings;
import io.newsflow.sink.SinkSettings;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class SinkServiceTest {

    @Test
    void shouldReadArticlesCleanAsReadCommittedWithoutAutoCommit() {
        Map<String, Object> config = SinkService.consumerConfig(
                new KafkaSettings("127.0.0.1:9092", Map.of()), SinkSettings.defaults());

        assertThat(config).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
