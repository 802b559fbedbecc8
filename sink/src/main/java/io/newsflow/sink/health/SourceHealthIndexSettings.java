package io.newsflow.sink.health;

import io.newsflow.common.config.ConfigNode;

/**
 * The {@code sink.sourceHealth} section: where the sink indexes {@code sources.health}.
 *
 * @param enabled whether the sink indexes it at all
 * @param index one document per source, its current state
 * @param transitionsIndex one document per change of state, the timeline
 * @param groupId the consumer group on the health topic
 */
public record SourceHealthIndexSettings(boolean enabled, String index, String transitionsIndex, String groupId) {
    public static final String DEFAULT_INDEX = "source-health";
    public static final String DEFAULT_TRANSITIONS_INDEX = "source-health-transitions";
    public static final String DEFAULT_GROUP_ID = "newsflow-sink-source-health";

    public static SourceHealthIndexSettings defaults() {
        return new SourceHealthIndexSettings(true, DEFAULT_INDEX, DEFAULT_TRANSITIONS_INDEX, DEFAULT_GROUP_ID);
    }

    /** Binds {@code sink.sourceHealth.*}; problems are recorded on the config source. */
    public static SourceHealthIndexSettings from(ConfigNode root) {
        ConfigNode section = root.section("sink").section("sourceHealth");
        boolean enabled = section.bool("enabled", true);
        String index = indexName(section, "index", DEFAULT_INDEX);
        String transitions = indexName(section, "transitionsIndex", DEFAULT_TRANSITIONS_INDEX);
        if (index.equals(transitions)) {
            section.problem("transitionsIndex", "must differ from sink.sourceHealth.index ('" + index + "')");
            transitions = index + "-transitions";
        }
        String groupId = section.string("groupId", DEFAULT_GROUP_ID);
        return new SourceHealthIndexSettings(enabled, index, transitions, groupId);
    }

    private static String indexName(ConfigNode section, String key, String defaultName) {
        String name = section.string(key, defaultName);
        // Elasticsearch's rule: lowercase, no \ / * ? " < > | , # : or space, not starting with - _ +
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,254}")) {
            section.problem(key, "'" + name + "' is not a valid Elasticsearch index name (lowercase letters, digits,"
                    + " '.', '_', '-'; not starting with '-', '_' or '.')");
            return defaultName;
        }
        return name;
    }
}
