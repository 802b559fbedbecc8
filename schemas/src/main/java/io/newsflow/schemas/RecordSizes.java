package io.newsflow.schemas;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The one declaration of how large a record of the pipeline may be. Every size limit between a fetched page and
 * the index is derived from {@link #MAX_RECORD_BYTES}, so a page ingest accepts can always be published, and the
 * topics accept whatever the producers send:
 *
 * <ul>
 *   <li>{@link #topicConfigs()}: {@code max.message.bytes} of {@code articles.raw}, {@code articles.clean} and
 *       {@code articles.dlq} ({@code newsflow topics create}, {@code newsflow up}); the record limit plus
 *       {@link #BATCH_OVERHEAD_BYTES}, since the broker checks the whole (compressed) batch;</li>
 *   <li>{@link #producerConfigs()}: {@code max.request.size} and {@code compression.type} of every producer (ingest's,
 *       enrich's Kafka Streams producer, the sink's dead-letter producer);</li>
 *   <li>{@link #MAX_PAGE_BYTES}: the default (and largest) page body ingest keeps, the record limit less
 *       {@link #ENVELOPE_BYTES} for the rest of a RawArticle (URLs, feed item, headers).</li>
 * </ul>
 *
 * <p>A record that is still too large (a clean article of a huge plain-text page, a dead letter carrying a large
 * original) goes to the dead-letter topic with its original cut to fit: see enrich's {@code EnrichErrorHandler}.
 */
public final class RecordSizes {
    /** Largest serialized record (key, value and headers, before compression) a producer of the pipeline sends. */
    public static final int MAX_RECORD_BYTES = 8 << 20;
    /** Room the broker's per-batch limit leaves above one record: batch header, and compression that gains nothing. */
    public static final int BATCH_OVERHEAD_BYTES = 64 << 10;
    /** Key, timestamp, lengths and batch framing of one record: what its value and headers do not count. */
    public static final int RECORD_OVERHEAD_BYTES = 1024;
    /** Room a RawArticle needs besides its body. */
    public static final int ENVELOPE_BYTES = 512 << 10;
    /** Largest page body ingest keeps: what fits in a RawArticle under {@link #MAX_RECORD_BYTES}. */
    public static final int MAX_PAGE_BYTES = MAX_RECORD_BYTES - ENVELOPE_BYTES;
    /** Compression of every producer: pages and text compress well, and zstd is the best ratio per CPU second. */
    public static final String COMPRESSION = "zstd";

    private RecordSizes() {}

    /** {@code max.message.bytes} of every pipeline topic. */
    public static int maxMessageBytes() {
        return MAX_RECORD_BYTES + BATCH_OVERHEAD_BYTES;
    }

    /** The topic configs that make a pipeline topic accept every record a producer may send. */
    public static Map<String, String> topicConfigs() {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes()));
    }

    /** {@code max.request.size} and {@code compression.type} of every producer of the pipeline. */
    public static Map<String, Object> producerConfigs() {
        return Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
    }
}
