package io.newsflow.sink.health;

import io.newsflow.common.config.ConfigNode;
import io.newsflow.common.config.Setting;
import io.newsflow.common.config.SettingsSection;

/**
 * The {@code sink.sourceHealth} section: where the sink indexes {@code sources.health}.
 *
 * @param enabled whether the sink indexes it at all
 * @param index one document per source, its current state
 * @param transitionsIndex one document per change of state, the timeline
 * @param groupId the consumer group on the health topic
 */
public record SourceHealthIndexSettings(boolean enabled, String index, String transitionsIndex, String groupId) {
    public static final Setting<Boolean> ENABLED = Setting.bool("enabled", true, "the sink indexes `sources.health`");
    public static final Setting<String> INDEX = indexName("index", "source-health",
            "one document per source, its current state");
    public static final Setting<String> TRANSITIONS_INDEX = indexName("transitionsIndex", "source-health-transitions",
            "one document per change of state, the timeline; differs from `index`");
    public static final Setting<String> GROUP_ID = Setting.string("groupId", "newsflow-sink-source-health",
            "the consumer group on the health topic");
    public static final SettingsSection SECTION = SettingsSection.of("sink.sourceHealth", ENABLED, INDEX,
            TRANSITIONS_INDEX, GROUP_ID);

    public static final String DEFAULT_INDEX = INDEX.defaultValue();
    public static final String DEFAULT_TRANSITIONS_INDEX = TRANSITIONS_INDEX.defaultValue();
    public static final String DEFAULT_GROUP_ID = GROUP_ID.defaultValue();

    public static SourceHealthIndexSettings defaults() {
        return new SourceHealthIndexSettings(true, DEFAULT_INDEX, DEFAULT_TRANSITIONS_INDEX, DEFAULT_GROUP_ID);
    }

    /** Binds {@code sink.sourceHealth.*}; problems are recorded on the config source. */
    public static SourceHealthIndexSettings from(ConfigNode root) {
        ConfigNode section = SECTION.node(root);
        boolean enabled = ENABLED.read(section);
        String index = INDEX.read(section);
        String transitions = TRANSITIONS_INDEX.read(section);
        if (index.equals(transitions)) {
            section.problem("transitionsIndex", "must differ from sink.sourceHealth.index ('" + index + "')");
            transitions = index + "-transitions";
        }
        return new SourceHealthIndexSettings(enabled, index, transitions, GROUP_ID.read(section));
    }

    private static Setting<String> indexName(String key, String defaultName, String doc) {
        // Elasticsearch's rule: lowercase, no \ / * ? " < > | , # : or space, not starting with - _ +
        return Setting.string(key, defaultName, doc).check(name -> name.matches("[a-z0-9][a-z0-9._-]{0,254}"),
                "an Elasticsearch index name", name -> "'" + name + "' is not a valid Elasticsearch index name"
                        + " (lowercase letters, digits, '.', '_', '-'; not starting with '-', '_' or '.')");
    }
}
