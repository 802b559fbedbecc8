package io.newsflow.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.avro.RawArticle;
import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.ingest.IngestService;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.poll.Fetching;
import io.newsflow.schemas.Topics;
import io.newsflow.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The whole Kafka wiring of ingest: Avro serializer, article publisher, ledger store, then the service. */
public final class IngestKafka {
    private IngestKafka() {}

    public static IngestService start(IngestSettings settings, KafkaSettings kafka, RegistrySettings registry,
            Topics topics, Fetching fetching, Path configFile, Map<String, String> env,
            MeterRegistry meters) throws IOException, InterruptedException {
        AvroSerializer<RawArticle> values = new AvroSerializer<>();
        values.configure(registry.serdeConfig(), false);
        KafkaLedgerStore ledger = KafkaLedgerStore.open(kafka, settings.ledgerTopic());
        KafkaArticlePublisher publisher = KafkaArticlePublisher.create(kafka, topics.raw().name(), values);
        try {
            return IngestService.start(settings, configFile, env,
                    new IngestService.Parts(fetching, publisher, ledger, meters, Clock.systemUTC()));
        } catch (IOException | RuntimeException e) {
            publisher.close();
            ledger.close();
            throw e;
        }
    }
}
