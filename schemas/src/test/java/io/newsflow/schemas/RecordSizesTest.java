package io.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordSizesTest {

    @Test
    void shouldLetTopicsAcceptEveryRecordTheProducersMaySend() {
        int producerLimit = (Integer) RecordSizes.producerConfigs().get("max.request.size");
        int topicLimit = Integer.parseInt(RecordSizes.topicConfigs().get("max.message.bytes"));

        assertThat(topicLimit).isGreaterThan(producerLimit);
        assertThat(producerLimit).isEqualTo(RecordSizes.MAX_RECORD_BYTES);
        assertThat(RecordSizes.producerConfigs()).containsEntry("compression.type", "zstd");
    }

    @Test
    void shouldLeaveRoomForTheRawArticleEnvelopeAroundTheLargestPage() {
        assertThat(RecordSizes.MAX_PAGE_BYTES + RecordSizes.ENVELOPE_BYTES).isEqualTo(RecordSizes.MAX_RECORD_BYTES);
        assertThat(RecordSizes.ENVELOPE_BYTES).isGreaterThanOrEqualTo(256 << 10);
    }
}
