package io.newsflow.app;

import io.newsflow.common.config.KafkaSettings;
import io.newsflow.common.config.OpsSettings;
import io.newsflow.common.config.RegistrySettings;
import io.newsflow.common.config.SettingsSection;
import io.newsflow.common.config.TopicSettings;
import io.newsflow.enrich.health.HealthSettings;
import io.newsflow.enrich.streams.EnrichSettings;
import io.newsflow.ingest.config.GroupSettings;
import io.newsflow.ingest.config.IngestSettings;
import io.newsflow.ingest.config.PublishSettings;
import io.newsflow.ingest.feed.FeedLimits;
import io.newsflow.ingest.http.FetchSettings;
import io.newsflow.sink.SinkSettings;
import io.newsflow.sink.health.SourceHealthIndexSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every declared section of the configuration, grouped as docs/configuration.md lists them: the name of each group
 * is the name of its marker in the doc ({@code <!-- settings:ingest -->}).
 */
final class SettingsReference {
    private SettingsReference() {}

    static Map<String, List<SettingsSection>> groups() {
        Map<String, List<SettingsSection>> groups = new LinkedHashMap<>();
        groups.put("shared", List.of(KafkaSettings.SECTION, RegistrySettings.SECTION, TopicSettings.SECTION,
                PipelineSettings.DLQ, OpsSettings.SECTION));
        groups.put("ingest", List.of(IngestSettings.SECTION, IngestSettings.RELOAD, PublishSettings.INSTANCE,
                PublishSettings.SECTION, GroupSettings.SECTION));
        groups.put("ingest-fetch", List.of(FetchSettings.SECTION, FeedLimits.SECTION));
        groups.put("enrich", List.of(EnrichSettings.SECTION));
        groups.put("sink", SinkSettings.SECTIONS);
        groups.put("source-health", List.of(HealthSettings.SECTION, SourceHealthIndexSettings.SECTION));
        return groups;
    }

    /** Every section, each once. */
    static List<SettingsSection> sections() {
        List<SettingsSection> all = new ArrayList<>();
        groups().values().forEach(all::addAll);
        return all;
    }
}
