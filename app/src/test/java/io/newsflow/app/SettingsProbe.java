package io.newsflow.app;

import io.newsflow.common.config.ConfigProblem;
import io.newsflow.common.config.ConfigSource;
import io.newsflow.schemas.Topics;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test access to {@link PipelineSettings}, the one place every setting is bound, from other test packages. */
public final class SettingsProbe {

    private SettingsProbe() {}

    /** What a service started with this environment and no config file would use. */
    public record Bound(List<ConfigProblem> problems, String kafka, String registry, List<String> elasticsearch,
            Topics topics, String ledgerTopic, String opsHost, Map<String, Integer> opsPorts) {}

    public static Bound bind(Map<String, String> env) {
        ConfigSource source = ConfigSource.environmentOnly(env);
        PipelineSettings settings = PipelineSettings.bind(source, null, env);
        return new Bound(source.problems(), settings.kafka().bootstrapServers(), settings.registry().url(),
                settings.sink().elasticsearch().urls().stream().map(URI::toString).toList(), settings.topics(),
                settings.ingest().ledgerTopic(), settings.ingestOps().host(), Map.of(
                        "ingest", settings.ingestOps().port(),
                        "enrich", settings.enrichOps().port(),
                        "sink", settings.sinkOps().port()));
    }

    /** Every environment variable the binders consult: the settings a deployment can set. */
    public static Set<String> variablesRead() {
        ConfigSource source = ConfigSource.environmentOnly(Map.of());
        PipelineSettings.bind(source, null, Map.of());
        return source.consultedVariables();
    }
}
