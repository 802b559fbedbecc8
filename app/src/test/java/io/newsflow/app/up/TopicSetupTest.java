package io.newsflow.app.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.schemas.RecordSizes;
import io.newsflow.schemas.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSetupTest {

    @Test
    void shouldSpecifyThePipelinesTopicsWithTheirPartitionsAndConfigs() {
        var specs = TopicSetup.pipeline(Topics.named("a.raw", "a.clean", "a.dlq", "a.health"), "a.ledger", "a.redriven",
                3, (short) 1);

        assertThat(specs).extracting(TopicSetup.TopicSpec::name)
                .containsExactly("a.raw", "a.clean", "a.dlq", "a.ledger", "a.redriven", "a.health");
        String maxMessageBytes = Integer.toString(RecordSizes.maxMessageBytes());
        assertThat(specs.get(0).configs()).isEqualTo(Map.of("retention.ms", "-1", "max.message.bytes", maxMessageBytes));
        assertThat(specs.get(1).configs()).isEqualTo(Map.of("max.message.bytes", maxMessageBytes));
        assertThat(specs.get(2).configs())
                .isEqualTo(Map.of("retention.ms", "2592000000", "max.message.bytes", maxMessageBytes));
        assertThat(specs.get(3).configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(specs.get(4).configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(specs.get(5).configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(specs).extracting(TopicSetup.TopicSpec::partitions).containsExactly(3, 3, 3, 12, 1, 3);
        assertThatThrownBy(() -> TopicSetup.pipeline(Topics.defaults(), "l", "r", 0, (short) 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
